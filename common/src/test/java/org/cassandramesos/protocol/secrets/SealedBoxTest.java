package org.cassandramesos.protocol.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SealedBoxTest {
    private static final KeyPair EXECUTOR = SealedBox.newKeyPair();
    private static final byte[] SECRET = "node-api-token-value".getBytes(StandardCharsets.UTF_8);

    @Test
    void aBoxOpensWithThePrivateKeyForTheSameTask() {
        byte[] box = SealedBox.seal(
                SealedBox.decodePublicKey(SealedBox.encodePublicKey(EXECUTOR.getPublic())), "task-1", SECRET);

        assertThat(SealedBox.open(EXECUTOR, "task-1", box)).isEqualTo(SECRET);
        assertThat(new String(box, StandardCharsets.ISO_8859_1)).doesNotContain("node-api-token-value");
    }

    @Test
    void everyChangedByteIsRefused() {
        byte[] box = SealedBox.seal(EXECUTOR.getPublic(), "task-1", SECRET);
        for (int i = 0; i < box.length; i += 7) {
            byte[] tampered = box.clone();
            tampered[i] ^= 0x01;
            assertThatThrownBy(() -> SealedBox.open(EXECUTOR, "task-1", tampered))
                    .as("byte %d flipped", i)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        byte[] truncated = java.util.Arrays.copyOf(box, box.length - 1);
        assertThatThrownBy(() -> SealedBox.open(EXECUTOR, "task-1", truncated))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anotherKeyOrAnotherTaskCannotOpenIt() {
        byte[] box = SealedBox.seal(EXECUTOR.getPublic(), "task-1", SECRET);

        assertThatThrownBy(() -> SealedBox.open(SealedBox.newKeyPair(), "task-1", box))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SealedBox.open(EXECUTOR, "task-2", box)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysOfOtherKindsOrMalformedKeysAreRefused() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String rsaKey = SealedBox.encodePublicKey(rsa.generateKeyPair().getPublic());
        String x448 = SealedBox.encodePublicKey(
                KeyPairGenerator.getInstance("X448").generateKeyPair().getPublic());

        assertThatThrownBy(() -> SealedBox.decodePublicKey(rsaKey)).hasMessageContaining("not an X25519 public key");
        assertThatThrownBy(() -> SealedBox.decodePublicKey(x448)).hasMessageContaining("not an X25519 public key");
        assertThatThrownBy(() -> SealedBox.decodePublicKey("not base64!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SealedBox.decodePublicKey(Base64.getEncoder().encodeToString(new byte[40])))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
