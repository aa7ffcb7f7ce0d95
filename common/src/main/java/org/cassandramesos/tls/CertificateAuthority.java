package org.cassandramesos.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * A small certificate authority: an EC P-256 key and a self-signed CA certificate that issues TLS certificates for
 * servers that are also clients (Cassandra nodes talk to each other both ways). The CA key is a secret: it is only
 * ever in memory here, and {@link #toString()} never shows it.
 */
public final class CertificateAuthority {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Certificates are valid from a little before now: agents' clocks differ slightly. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final X509Certificate certificate;
    private final PrivateKey key;

    private CertificateAuthority(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    /** A new CA named {@code CN=<commonName>}, valid for {@code validity} from now. */
    public static CertificateAuthority create(String commonName, Duration validity) {
        KeyPair pair = newKeyPair();
        Instant now = Instant.now();
        X500Name name = name(commonName);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            name,
                            serial(),
                            Date.from(now.minus(CLOCK_SKEW)),
                            Date.from(now.plus(validity)),
                            name,
                            pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            extensions.createSubjectKeyIdentifier(pair.getPublic()));
            return new CertificateAuthority(sign(builder, pair.getPrivate()), pair.getPrivate());
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot create a CA certificate: " + e.getMessage(), e);
        }
    }

    /** The CA from its certificate and key (PEM); the key must belong to the certificate. */
    public static CertificateAuthority fromPem(String certificatePem, String keyPem) {
        X509Certificate certificate = Pem.certificates(certificatePem).get(0);
        PrivateKey key = Pem.privateKey(keyPem);
        if (certificate.getBasicConstraints() < 0) {
            throw new IllegalArgumentException("the CA certificate "
                    + certificate.getSubjectX500Principal().getName() + " is not a CA (no basicConstraints CA:true)");
        }
        CertificateAuthority ca = new CertificateAuthority(certificate, key);
        ca.requireKeyMatches();
        return ca;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public String certificatePem() {
        return Pem.encode(certificate);
    }

    /** The CA's private key as PEM: a secret, for the scheduler's secret store only. */
    public String keyPem() {
        return Pem.encode(key);
    }

    /**
     * A new key and a certificate for it, named {@code CN=<commonName>}, for every subject alternative name given
     * (IP addresses as IP entries, anything else as DNS names), usable as TLS server and client, valid for
     * {@code validity} from now.
     */
    public TlsMaterial issue(String commonName, List<String> subjectAltNames, Duration validity) {
        Instant now = Instant.now();
        return issue(commonName, subjectAltNames, now.minus(CLOCK_SKEW), now.plus(validity));
    }

    /** As {@link #issue(String, List, Duration)}, valid exactly from {@code notBefore} to {@code notAfter}. */
    public TlsMaterial issue(String commonName, List<String> subjectAltNames, Instant notBefore, Instant notAfter) {
        if (subjectAltNames.isEmpty()) {
            throw new IllegalArgumentException("a certificate needs at least one IP address or host name");
        }
        KeyPair pair = newKeyPair();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            GeneralName[] names = subjectAltNames.stream()
                    .map(CertificateAuthority::generalName)
                    .toArray(GeneralName[]::new);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            certificate,
                            serial(),
                            Date.from(notBefore),
                            Date.from(notAfter),
                            name(commonName),
                            pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(
                            Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                        KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                    }))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            extensions.createSubjectKeyIdentifier(pair.getPublic()))
                    .addExtension(
                            Extension.authorityKeyIdentifier,
                            false,
                            extensions.createAuthorityKeyIdentifier(certificate));
            X509Certificate issued = sign(builder, key);
            return new TlsMaterial(Pem.encode(pair.getPrivate()), Pem.encode(List.of(issued)), certificatePem());
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + commonName + ": " + e.getMessage(), e);
        }
    }

    private void requireKeyMatches() {
        // a throwaway certificate signed with the key must verify with the CA certificate's public key
        try {
            KeyPair probe = newKeyPair();
            Instant now = Instant.now();
            X509Certificate signed = sign(
                    new JcaX509v3CertificateBuilder(
                            certificate,
                            serial(),
                            Date.from(now),
                            Date.from(now.plusSeconds(60)),
                            name("probe"),
                            probe.getPublic()),
                    key);
            signed.verify(certificate.getPublicKey());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("the CA key does not belong to the CA certificate "
                    + certificate.getSubjectX500Principal().getName());
        }
    }

    private static GeneralName generalName(String name) {
        String bare = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        if (IPAddress.isValid(bare)) {
            return new GeneralName(GeneralName.iPAddress, bare);
        }
        if (!bare.matches("[A-Za-z0-9*]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
            throw new IllegalArgumentException("not an IP address or host name: '" + name + "'");
        }
        return new GeneralName(GeneralName.dNSName, bare);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws GeneralSecurityException {
        try {
            String algorithm = signer.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no EC P-256 key generator in this JVM", e);
        }
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    /** The public half, for checks. */
    public PublicKey publicKey() {
        return certificate.getPublicKey();
    }

    @Override
    public String toString() {
        return "CertificateAuthority[" + certificate.getSubjectX500Principal().getName() + ", key redacted]";
    }
}
