package dev.ebb.worker.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected digests computed independently (Python hashlib over SQS's documented attribute encoding). */
class SqsChecksumsTest {

    @Test
    void bodyDigestIsTheMd5OfItsUtf8() {
        assertThat(SqsChecksums.ofBody("{\"Records\":[]}")).isEqualTo("4166b95044745e0c1033678bdad8d7de");
    }

    @Test
    void attributeDigestEncodesNameTypeAndValueInNameOrder() {
        // inserted out of order, one value outside ASCII: the digest must sort by name and count bytes, not chars
        var attributes = Map.of(
                "ebb-reason", new SqsChecksums.Attribute("String", "corrupt_image"),
                "ebb-receive-count", new SqsChecksums.Attribute("Number", "2"),
                "ebb-detail", new SqsChecksums.Attribute("String", "héllo ✓"));
        assertThat(SqsChecksums.ofStringAttributes(attributes)).isEqualTo("c1f04e93235d19835890fd1641a26020");
    }

    @Test
    void aChangedValueChangesTheDigest() {
        var a = Map.of("k", new SqsChecksums.Attribute("String", "v"));
        var b = Map.of("k", new SqsChecksums.Attribute("Number", "v"));
        assertThat(SqsChecksums.ofStringAttributes(a)).isNotEqualTo(SqsChecksums.ofStringAttributes(b));
    }
}
