package kemal.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The leak check the WebSocket and SSE tests rely on really sees a leaked buffer. */
@Timeout(30)
@ExtendWith(NettyLeakCheck.class)
class NettyLeakCheckTest {

    @Test
    void aBufferNeverReleasedIsReported() throws InterruptedException {
        leakOne();
        List<String> leaks = new ArrayList<>();
        for (int i = 0; i < 50 && leaks.isEmpty(); i++) leaks.addAll(NettyLeakCheck.collect(1));
        assertThat(leaks).isNotEmpty();
        assertThat(leaks.get(0)).contains("leakOne");
    }

    private static void leakOne() {
        ByteBuf leaked = ByteBufAllocator.DEFAULT.buffer(64);
        leaked.writeInt(42);
    }
}
