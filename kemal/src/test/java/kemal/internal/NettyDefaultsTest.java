package kemal.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kemal's Netty defaults fill in only what the user left unset. (That they reach Netty in time,
 * so the first request registers no JFR event, is checked on hello.jar by StartupIT.)
 */
class NettyDefaultsTest {
    private String saved;

    @BeforeEach
    void save() {
        saved = System.getProperty(NettyDefaults.JFR_EVENTS);
    }

    @AfterEach
    void restore() {
        if (saved == null) System.clearProperty(NettyDefaults.JFR_EVENTS);
        else System.setProperty(NettyDefaults.JFR_EVENTS, saved);
    }

    @Test
    void jfrEventsAreOffWhenUnset() {
        System.clearProperty(NettyDefaults.JFR_EVENTS);
        NettyDefaults.apply();
        assertThat(System.getProperty(NettyDefaults.JFR_EVENTS)).isEqualTo("false");
    }

    @Test
    void theUsersChoiceWins() {
        System.setProperty(NettyDefaults.JFR_EVENTS, "true");
        NettyDefaults.apply();
        assertThat(System.getProperty(NettyDefaults.JFR_EVENTS)).isEqualTo("true");
    }

    @Test
    void loadingAppAppliesThem() throws ClassNotFoundException {
        Class.forName("kemal.App", true, getClass().getClassLoader());
        // Whether App's initializer ran just now or in an earlier test, it left the default.
        assertThat(System.getProperty(NettyDefaults.JFR_EVENTS)).isEqualTo("false");
    }
}
