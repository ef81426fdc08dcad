package kemal.internal.server;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

/** The server TLS context from PEM files: a certificate chain and its private key. */
public final class TlsContexts {
    private TlsContexts() {}

    /**
     * @throws GeneralSecurityException when a file is not a usable certificate or key (the
     *     message says which and why)
     */
    public static SslContext forServer(Path certificateChain, Path privateKey) throws IOException, GeneralSecurityException {
        X509Certificate[] chain;
        try (InputStream in = Files.newInputStream(certificateChain)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) throw new GeneralSecurityException("no certificate in " + certificateChain);
            chain = certificates.toArray(new X509Certificate[0]);
        } catch (java.security.cert.CertificateException e) {
            throw new GeneralSecurityException("not a PEM certificate: " + certificateChain + " (" + e.getMessage() + ")", e);
        }
        PrivateKey key = PemKeys.read(privateKey);
        return SslContextBuilder.forServer(key, chain).build();
    }
}
