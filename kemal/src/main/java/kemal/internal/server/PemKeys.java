package kemal.internal.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Reads a PEM private key in the forms tools produce: PKCS#8 ({@code BEGIN PRIVATE KEY}),
 * PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY}, from older {@code openssl genrsa}) and SEC1 EC
 * ({@code BEGIN EC PRIVATE KEY}), the last two rewrapped as PKCS#8 so the JDK can load them.
 */
final class PemKeys {
    /** DER of AlgorithmIdentifier { rsaEncryption, NULL }. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    /** DER of the OID id-ecPublicKey. */
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private PemKeys() {}

    static PrivateKey read(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = pem.indexOf("-----BEGIN ");
        if (begin < 0) throw new GeneralSecurityException("no PEM private key in " + file);
        int typeEnd = pem.indexOf("-----", begin + 11);
        String type = pem.substring(begin + 11, typeEnd);
        String endMarker = "-----END " + type + "-----";
        int end = pem.indexOf(endMarker, typeEnd);
        if (end < 0) throw new GeneralSecurityException("unterminated PEM block " + type + " in " + file);
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(typeEnd + 5, end));
        return switch (type) {
            case "PRIVATE KEY" -> pkcs8(der);
            case "RSA PRIVATE KEY" -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                    sequence(integerZero(), RSA_ALGORITHM, octetString(der))));
            case "EC PRIVATE KEY" -> KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
                    sequence(integerZero(), sequence(EC_PUBLIC_KEY_OID, curveOf(der)), octetString(der))));
            case "ENCRYPTED PRIVATE KEY" -> throw new GeneralSecurityException(
                    "the key is encrypted; decrypt it first (openssl pkey -in key.pem -out plain.pem)");
            default -> throw new GeneralSecurityException("unsupported PEM block " + type + " (expected a private key)");
        };
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException wrongAlgorithm) {
                // try the next one
            }
        }
        throw new GeneralSecurityException("unsupported PKCS#8 private key algorithm");
    }

    /** The named-curve OID in a SEC1 ECPrivateKey's [0] parameters (RFC 5915). */
    private static byte[] curveOf(byte[] sec1) throws GeneralSecurityException {
        // ECPrivateKey ::= SEQUENCE { version INTEGER, privateKey OCTET STRING, [0] parameters, [1] publicKey }
        int[] at = {0};
        expect(sec1, at, 0x30);
        readLength(sec1, at);
        skip(sec1, at, 0x02);
        skip(sec1, at, 0x04);
        if (at[0] < sec1.length && (sec1[at[0]] & 0xff) == 0xa0) {
            at[0]++;
            readLength(sec1, at);
            int start = at[0];
            expect(sec1, at, 0x06);
            int length = readLength(sec1, at);
            byte[] oid = new byte[at[0] + length - start];
            System.arraycopy(sec1, start, oid, 0, oid.length);
            return oid;
        }
        throw new GeneralSecurityException("the EC key does not name its curve");
    }

    private static void expect(byte[] der, int[] at, int tag) throws GeneralSecurityException {
        if (at[0] >= der.length || (der[at[0]] & 0xff) != tag) throw new GeneralSecurityException("malformed EC key");
        at[0]++;
    }

    private static void skip(byte[] der, int[] at, int tag) throws GeneralSecurityException {
        expect(der, at, tag);
        int length = readLength(der, at); // read first: at[0] moves past the length bytes
        at[0] += length;
    }

    private static int readLength(byte[] der, int[] at) throws GeneralSecurityException {
        if (at[0] >= der.length) throw new GeneralSecurityException("malformed EC key");
        int first = der[at[0]++] & 0xff;
        if (first < 0x80) return first;
        int bytes = first & 0x7f;
        if (bytes > 3) throw new GeneralSecurityException("malformed EC key");
        int length = 0;
        for (int i = 0; i < bytes; i++) length = (length << 8) | (der[at[0]++] & 0xff);
        return length;
    }

    private static byte[] integerZero() {
        return new byte[] {0x02, 0x01, 0x00};
    }

    private static byte[] octetString(byte[] content) {
        return tagged(0x04, content);
    }

    private static byte[] sequence(byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : parts) body.writeBytes(part);
        return tagged(0x30, body.toByteArray());
    }

    private static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
