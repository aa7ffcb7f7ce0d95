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
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Public-key encryption of one message to the holder of an ephemeral key pair, with the JDK only (an ECIES): the
 * sender makes its own ephemeral X25519 key pair, agrees a shared secret with the recipient's X25519 public key,
 * derives an AES-256 key with HKDF-SHA256 (RFC 5869; salt = both public keys, info = purpose and {@code context}) and
 * encrypts with AES-256-GCM, the same info as additional data. A box therefore opens only with the recipient's
 * private key and only for the {@code context} (the task id) it was sealed for; any changed byte makes {@link #open}
 * throw. X25519 rather than RSA: a key pair costs microseconds, where RSA-3072 took seconds on a loaded agent.
 *
 * <p>Format: {@code version(1) | sender public key length(1) | sender public key (X.509) | iv(12) | ciphertext+tag(16)}.
 */
public final class SealedBox {
    private static final byte VERSION = 1;
    private static final String CURVE = "X25519";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String INFO_PREFIX = "cassandra-mesos executor secrets v1|";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedBox() {}

    /** A fresh X25519 key pair; the private half never leaves the process that made it. */
    public static KeyPair newKeyPair() {
        try {
            return KeyPairGenerator.getInstance(CURVE).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make an X25519 key pair", e);
        }
    }

    /** The public key as base64 of its X.509 encoding, as it travels in a {@link SecretsMessage.Request}. */
    public static String encodePublicKey(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** Parses {@link #encodePublicKey}; IllegalArgumentException unless it is an X25519 public key. */
    public static PublicKey decodePublicKey(String base64) {
        try {
            return decode(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("not an X25519 public key (base64 X.509)", e);
        }
    }

    private static PublicKey decode(byte[] x509) {
        try {
            return KeyFactory.getInstance(CURVE).generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not an X25519 public key (base64 X.509)", e);
        }
    }

    /** Encrypts {@code plaintext} to {@code recipient}, bound to {@code context}. */
    public static byte[] seal(PublicKey recipient, String context, byte[] plaintext) {
        try {
            KeyPair ephemeral = newKeyPair();
            byte[] senderKey = ephemeral.getPublic().getEncoded();
            byte[] info = info(context);
            SecretKeySpec key = derive(ephemeral.getPrivate(), recipient, senderKey, recipient.getEncoded(), info);
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            gcm.updateAAD(info);
            byte[] ciphertext = gcm.doFinal(plaintext);
            return ByteBuffer.allocate(2 + senderKey.length + IV_BYTES + ciphertext.length)
                    .put(VERSION)
                    .put((byte) senderKey.length)
                    .put(senderKey)
                    .put(iv)
                    .put(ciphertext)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed: " + e.getMessage(), e);
        }
    }

    /**
     * Decrypts a box sealed to {@code own}'s public key for {@code context}.
     *
     * @throws IllegalArgumentException when the box is malformed, was changed, or is for another key or context
     */
    public static byte[] open(KeyPair own, String context, byte[] box) {
        try {
            ByteBuffer in = ByteBuffer.wrap(box);
            if (in.remaining() < 2 || in.get() != VERSION) {
                throw new IllegalArgumentException("not a version " + VERSION + " sealed box");
            }
            int senderKeyLength = Byte.toUnsignedInt(in.get());
            if (in.remaining() < senderKeyLength + IV_BYTES + TAG_BITS / 8) {
                throw new IllegalArgumentException("the sealed box is truncated");
            }
            byte[] senderKey = new byte[senderKeyLength];
            in.get(senderKey);
            byte[] iv = new byte[IV_BYTES];
            in.get(iv);
            byte[] ciphertext = Arrays.copyOfRange(box, in.position(), box.length);
            byte[] info = info(context);
            SecretKeySpec key = derive(
                    own.getPrivate(),
                    decode(senderKey),
                    senderKey,
                    own.getPublic().getEncoded(),
                    info);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            gcm.updateAAD(info);
            return gcm.doFinal(ciphertext);
        } catch (GeneralSecurityException | IllegalStateException e) {
            throw new IllegalArgumentException("the sealed box does not open with this key for this task", e);
        }
    }

    /** X25519 agreement (the JDK refuses small-order points), then HKDF-SHA256 to a 256-bit AES key. */
    private static SecretKeySpec derive(
            PrivateKey own, PublicKey peer, byte[] senderKey, byte[] recipientKey, byte[] info)
            throws GeneralSecurityException {
        KeyAgreement agreement = KeyAgreement.getInstance(CURVE);
        agreement.init(own);
        agreement.doPhase(peer, true);
        byte[] shared = agreement.generateSecret();
        byte[] salt = ByteBuffer.allocate(senderKey.length + recipientKey.length)
                .put(senderKey)
                .put(recipientKey)
                .array();
        // RFC 5869: PRK = HMAC(salt, IKM); OKM = T(1) = HMAC(PRK, info | 0x01), 32 bytes is one block
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = hmac.doFinal(shared);
        hmac.init(new SecretKeySpec(prk, "HmacSHA256"));
        hmac.update(info);
        hmac.update((byte) 1);
        byte[] okm = hmac.doFinal();
        Arrays.fill(shared, (byte) 0);
        Arrays.fill(prk, (byte) 0);
        return new SecretKeySpec(okm, "AES");
    }

    private static byte[] info(String context) {
        return (INFO_PREFIX + context).getBytes(StandardCharsets.UTF_8);
    }
}
