package guide;

import kemal.App;
import kemal.Kemal;
import kemal.test.KemalApp;
import kemal.test.KemalTest;

/** Every guide test drives the real guide application over a real socket. */
@KemalTest(transport = KemalTest.Transport.SOCKET)
abstract class GuideAppTestBase {
    @KemalApp
    static App guideApp() {
        GuideApp.defineRoutes();
        Kemal.config().logging(false);
        return Kemal.app();
    }
}
