package kemal.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test class against a Kemal application and injects a {@link TestClient} into
 * test methods. The application comes from the class's static method annotated
 * {@link KemalApp}, or is the default application of the static DSL.
 *
 * <pre>{@code
 * @KemalTest
 * class YourKemalAppTest {
 *     @KemalApp
 *     static App app() {
 *         App app = Kemal.create();
 *         app.get("/", env -> "Hello World!");
 *         return app;
 *     }
 *
 *     @Test
 *     void rendersRoot(TestClient client) {
 *         assertEquals("Hello World!", client.get("/").body());
 *     }
 * }
 * }</pre>
 *
 * The same class runs over a real socket with {@code @KemalTest(transport = Transport.SOCKET)}.
 * A {@code @Nested} class shares the client of the class around it, unless it carries its own
 * {@code @KemalTest}: then it gets its own client, for the nearest {@link KemalApp} method.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KemalExtension.class)
public @interface KemalTest {
    /** How requests reach the application. */
    Transport transport() default Transport.IN_PROCESS;

    /** The two ways a {@link TestClient} reaches an application. */
    enum Transport {
        /** Through the real pipeline and chain, without a socket. */
        IN_PROCESS,
        /** Over TCP on a free loopback port. */
        SOCKET
    }
}
