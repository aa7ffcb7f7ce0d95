package org.cassandramesos.protocol.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * Public-key encryption of one message to the holder of an ephemeral key pair, with the JDK only: a fresh AES-256-GCM
 * key encrypts the message, RSA-3072 OAEP (SHA-256, MGF1-SHA-256) wraps that key. The {@code context} (the task id) is
 * GCM additional data, so a box opens only for the task it was sealed for; any changed byte, another key or another
 * context makes {@link #open} throw.
 *
 * <p>Format: {@code version(1) | wrapped key length(2) | wrapped key | iv(12) | ciphertext with 128-bit tag}.
 */
public final class SealedBox {
    private static final byte VERSION = 1;
    private static final int RSA_BITS = 3072;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String RSA = "RSA/ECB/OAEPPadding";
    private static final OAEPParameterSpec OAEP = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
            PSource.PSpecified.DEFAULT);
    private static final String AAD_PREFIX = "cassandra-mesos executor secrets v1|";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedBox() {}

    /** A fresh key pair; the private half never leaves the process that made it. */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make an RSA key pair", e);
        }
    }

    /** The public key as base64 of its X.509 encoding, as it travels in a {@link SecretsRequest}. */
    public static String encodePublicKey(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** Parses {@link #encodePublicKey}; IllegalArgumentException unless it is an RSA key of at least 3072 bits. */
    public static PublicKey decodePublicKey(String base64) {
        try {
            PublicKey key = KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            if (((java.security.interfaces.RSAPublicKey) key).getModulus().bitLength() < RSA_BITS) {
                throw new IllegalArgumentException("the public key is weaker than RSA-" + RSA_BITS);
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("not an RSA public key (base64 X.509): " + e.getMessage(), e);
        }
    }

    /** Encrypts {@code plaintext} to {@code recipient}, bound to {@code context}. */
    public static byte[] seal(PublicKey recipient, String context, byte[] plaintext) {
        try {
            KeyGenerator aes = KeyGenerator.getInstance("AES");
            aes.init(256, RANDOM);
            SecretKey key = aes.generateKey();
            Cipher rsa = Cipher.getInstance(RSA);
            rsa.init(Cipher.WRAP_MODE, recipient, OAEP, RANDOM);
            byte[] wrapped = rsa.wrap(key);
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            gcm.updateAAD(aad(context));
            byte[] ciphertext = gcm.doFinal(plaintext);
            return ByteBuffer.allocate(1 + 2 + wrapped.length + IV_BYTES + ciphertext.length)
                    .put(VERSION).putShort((short) wrapped.length).put(wrapped).put(iv).put(ciphertext).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed: " + e.getMessage(), e);
        }
    }

    /**
     * Decrypts a box sealed to {@code own}'s public key for {@code context}.
     *
     * @throws IllegalArgumentException when the box is malformed, was changed, or is for another key or context
     */
    public static byte[] open(PrivateKey own, String context, byte[] box) {
        try {
            ByteBuffer in = ByteBuffer.wrap(box);
            if (in.remaining() < 3 || in.get() != VERSION) {
                throw new IllegalArgumentException("not a version " + VERSION + " sealed box");
            }
            int wrappedLength = Short.toUnsignedInt(in.getShort());
            if (in.remaining() < wrappedLength + IV_BYTES + TAG_BITS / 8) {
                throw new IllegalArgumentException("the sealed box is truncated");
            }
            byte[] wrapped = new byte[wrappedLength];
            in.get(wrapped);
            byte[] iv = new byte[IV_BYTES];
            in.get(iv);
            byte[] ciphertext = Arrays.copyOfRange(box, in.position(), box.length);
            Cipher rsa = Cipher.getInstance(RSA);
            rsa.init(Cipher.UNWRAP_MODE, own, OAEP);
            SecretKey key = (SecretKey) rsa.unwrap(wrapped, "AES", Cipher.SECRET_KEY);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.getEncoded(), "AES"), new GCMParameterSpec(TAG_BITS, iv));
            gcm.updateAAD(aad(context));
            return gcm.doFinal(ciphertext);
        } catch (GeneralSecurityException | java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("the sealed box does not open with this key for this task", e);
        }
    }

    private static byte[] aad(String context) {
        return (AAD_PREFIX + context).getBytes(StandardCharsets.UTF_8);
    }
}
