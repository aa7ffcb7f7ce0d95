package org.cassandramesos.mesos.executor;

import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Checks the agent's certificate as the executor library does with verification on, and never less: the chain must
 * lead to one of the trusted CAs (the PKIX trust manager given), and the certificate must name the agent.
 *
 * <p>Naming the agent ({@link AgentTls.HostnameValidation}): the executor dials the agent's IP address
 * ({@code MESOS_AGENT_ENDPOINT} is {@code stringify(slavePid.address)}, {@code src/slave/slave.cpp:11465}). The JDK's
 * own HTTPS identity check accepts a certificate whose IP SAN is that address, which is what libprocess's
 * {@code openssl} scheme requires for an address ({@code X509_VERIFY_PARAM_set1_ip_asc}, libprocess
 * {@code src/openssl.cpp:1083-1101}). Under the default {@code legacy} scheme libprocess looks the address up in
 * reverse DNS and accepts a DNS SAN equal to that name, or the certificate's CN ({@code openssl.cpp:877-1031}); so
 * does this check, with two tightenings: the CN counts only when the certificate has no DNS SAN (RFC 6125 6.4.4), and
 * the name comes from {@link InetAddress#getCanonicalHostName()}, which only returns a name that resolves back to the
 * address. libprocess's {@code verify_ipadd} gate on IP SANs is not copied: an IP SAN equal to the address dialled is
 * the standard (RFC 2818 3.1) proof of identity for an address.
 */
final class AgentCertificateCheck extends X509ExtendedTrustManager {
    private static final int SAN_DNS = 2;

    private final X509ExtendedTrustManager chain;
    private final AgentTls.HostnameValidation validation;
    private final Function<InetAddress, Optional<String>> reverseDns;

    AgentCertificateCheck(
            X509ExtendedTrustManager chain,
            AgentTls.HostnameValidation validation,
            Function<InetAddress, Optional<String>> reverseDns) {
        this.chain = chain;
        this.validation = validation;
        this.reverseDns = reverseDns;
    }

    AgentCertificateCheck(X509ExtendedTrustManager chain, AgentTls.HostnameValidation validation) {
        this(chain, validation, AgentCertificateCheck::confirmedName);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certificates, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            // chain and (the engine carries endpoint identification "HTTPS", which HttpClient always sets) the IP SAN
            chain.checkServerTrusted(certificates, authType, engine);
        } catch (CertificateException byAddress) {
            legacyName(certificates, authType, engine.getPeerHost(), byAddress);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certificates, String authType, Socket socket)
            throws CertificateException {
        try {
            chain.checkServerTrusted(certificates, authType, socket);
        } catch (CertificateException byAddress) {
            String host = socket instanceof SSLSocket ssl && ssl.getHandshakeSession() != null
                    ? ssl.getHandshakeSession().getPeerHost()
                    : null;
            legacyName(certificates, authType, host, byAddress);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
        // without the connection there is no address to check the certificate against
        throw new CertificateException("the agent's certificate can only be checked against the address dialled");
    }

    /** Under {@code legacy}: the chain alone, then the certificate must carry the address's reverse DNS name. */
    private void legacyName(
            X509Certificate[] certificates, String authType, String host, CertificateException byAddress)
            throws CertificateException {
        if (validation != AgentTls.HostnameValidation.LEGACY || host == null || !isAddressLiteral(host)) {
            throw byAddress;
        }
        chain.checkServerTrusted(certificates, authType); // the chain must hold whatever the name
        InetAddress address;
        try {
            address = InetAddress.getByName(host); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw byAddress;
        }
        Optional<String> name = reverseDns.apply(address);
        if (name.isPresent() && names(certificates[0]).stream().anyMatch(n -> n.equalsIgnoreCase(name.get()))) {
            return;
        }
        CertificateException refused = new CertificateException("the agent's certificate names neither its address "
                + host + name.map(n -> " nor its reverse DNS name " + n).orElse(" (no reverse DNS name)"));
        refused.addSuppressed(byAddress);
        throw refused;
    }

    /** The DNS SANs, or the CN when there is none. */
    static List<String> names(X509Certificate certificate) throws CertificateParsingException {
        List<String> dns = new ArrayList<>();
        Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
        if (sans != null) {
            for (List<?> san : sans) {
                if (san.size() >= 2 && Integer.valueOf(SAN_DNS).equals(san.get(0)) && san.get(1) instanceof String s) {
                    dns.add(s);
                }
            }
        }
        if (!dns.isEmpty()) {
            return dns;
        }
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().toUpperCase(Locale.ROOT).equals("CN")) {
                    return List.of(rdn.getValue().toString());
                }
            }
        } catch (InvalidNameException e) {
            throw new CertificateParsingException("unreadable subject: " + e.getMessage());
        }
        return List.of();
    }

    private static boolean isAddressLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    /** The address's reverse DNS name, only if it resolves back to the address (else the JDK answers the literal). */
    private static Optional<String> confirmedName(InetAddress address) {
        String name = address.getCanonicalHostName();
        return name.equals(address.getHostAddress()) ? Optional.empty() : Optional.of(name);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
        throw new CertificateException("an executor is never a TLS server for the agent");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certificates, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(certificates, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certificates, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(certificates, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return chain.getAcceptedIssuers();
    }
}
