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
        App app = findApp(testClass);
        KemalTest settings = testClass.getAnnotation(KemalTest.class);
        KemalTest.Transport transport = settings == null ? KemalTest.Transport.IN_PROCESS : settings.transport();
        TestClient client = transport == KemalTest.Transport.SOCKET ? TestClient.overSocket(app) : TestClient.inProcess(app);
        context.getStore(NAMESPACE).put(TestClient.class, client);
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

    private static App findApp(Class<?> testClass) throws Exception {
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (!method.isAnnotationPresent(KemalApp.class)) continue;
                if (!Modifier.isStatic(method.getModifiers()) || method.getParameterCount() != 0
                        || !App.class.isAssignableFrom(method.getReturnType())) {
                    throw new ExtensionConfigurationException("@KemalApp method " + method.getName()
                            + " must be static, take no parameters and return kemal.App");
                }
                method.setAccessible(true);
                return (App) method.invoke(null);
            }
        }
        return Kemal.app();
    }
}
