package org.cassandramesos.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PEM text of certificates and private keys, as Cassandra's {@code PEMBasedSslContextFactory}, openssl and curl read
 * it: certificates as {@code CERTIFICATE}, keys as unencrypted PKCS#8 {@code PRIVATE KEY}. Reading also accepts
 * {@code EC PRIVATE KEY} / {@code RSA PRIVATE KEY} (openssl's older forms).
 */
public final class Pem {
    private Pem() {}

    public static String encode(X509Certificate certificate) {
        try {
            return write(new PemObject("CERTIFICATE", certificate.getEncoded()));
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    public static String encode(List<X509Certificate> chain) {
        StringBuilder pem = new StringBuilder();
        chain.forEach(c -> pem.append(encode(c)));
        return pem.toString();
    }

    /** The key as unencrypted PKCS#8: a secret, to be handled as one. */
    public static String encode(PrivateKey key) {
        try {
            return write(new JcaPKCS8Generator(key, null).generate());
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new IllegalArgumentException("the private key cannot be encoded", e);
        }
    }

    /** Every certificate in the text, in order; other PEM objects (a key next to a chain) are skipped. */
    public static List<X509Certificate> certificates(String pem) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException(
                    "not a PEM certificate: " + e.getClass().getSimpleName(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no PEM CERTIFICATE found");
        }
        return certificates;
    }

    /** The first private key in the text (the message never includes the text: it is a secret). */
    public static PrivateKey privateKey(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                } else if (object instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "not a PEM private key: " + e.getClass().getSimpleName(), e);
        }
        throw new IllegalArgumentException("no unencrypted PEM PRIVATE KEY found");
    }

    private static String write(PemObject object) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
