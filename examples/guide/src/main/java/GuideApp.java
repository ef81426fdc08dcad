import kemal.Kemal;

public class GuideApp {
    public static void main(String[] args) {
        Kemal.run(args);
    }
}
