package kemal.test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import kemal.App;
import kemal.Kemal;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link KemalTest}: builds the application once per class,
 * opens a {@link TestClient} on the chosen transport, injects it (and the {@link App}) into test
 * methods, and stops the application after the class.
 */
public final class KemalExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KemalExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Class<?> testClass = context.getRequiredTestClass();
        KemalTest settings = testClass.getAnnotation(KemalTest.class);
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        // A @Nested class without a @KemalTest of its own shares the client of the class around it
        // (the store lookup falls back to the enclosing class's store).
        if (settings == null && store.get(TestClient.class, TestClient.class) != null) return;
        App app = findApp(testClass);
        KemalTest.Transport transport = settings == null ? KemalTest.Transport.IN_PROCESS : settings.transport();
        TestClient client = transport == KemalTest.Transport.SOCKET ? TestClient.overSocket(app) : TestClient.inProcess(app);
        store.put(TestClient.class, client);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TestClient client = context.getStore(NAMESPACE).remove(TestClient.class, TestClient.class);
        if (client != null) client.close();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestClient.class || type == App.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestClient client = context.getStore(NAMESPACE).get(TestClient.class, TestClient.class);
        if (client == null) throw new ExtensionConfigurationException("No Kemal application is running for this test");
        return parameter.getParameter().getType() == App.class ? client.app() : client;
    }

    /** Calls the {@link KemalApp} method of the class, its superclasses or the classes around it. */
    private static App findApp(Class<?> testClass) throws Exception {
        for (Class<?> scope = testClass; scope != null; scope = scope.getEnclosingClass()) {
            for (Class<?> c = scope; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Method method : c.getDeclaredMethods()) {
                    if (method.isAnnotationPresent(KemalApp.class)) return call(method);
                }
            }
        }
        return Kemal.app();
    }

    private static App call(Method method) throws Exception {
        if (!Modifier.isStatic(method.getModifiers()) || method.getParameterCount() != 0
                || !App.class.isAssignableFrom(method.getReturnType())) {
            throw new ExtensionConfigurationException("@KemalApp method " + method.getName()
                    + " must be static, take no parameters and return kemal.App");
        }
        method.setAccessible(true);
        return (App) method.invoke(null);
    }
}
