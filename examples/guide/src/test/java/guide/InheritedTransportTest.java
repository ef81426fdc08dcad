package guide;

/**
 * A guide test class without its own {@code @KemalTest}: it inherits the socket transport of
 * {@link GuideAppTestBase}, whose {@code overARealSocket} test it runs.
 */
class InheritedTransportTest extends GuideAppTestBase {}
