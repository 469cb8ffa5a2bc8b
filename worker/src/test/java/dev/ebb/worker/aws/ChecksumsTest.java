package dev.ebb.worker.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChecksumsTest {

    private static final byte[] BODY =
            "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII);

    /** Expected values are S3's (base64 of the big-endian checksum) for BODY, computed independently (Python zlib/crcmod, hashlib). */
    @ParameterizedTest(name = "{0} stored {1}: mismatch={2}")
    @CsvSource(delimiter = '|', textBlock = """
            x-amz-checksum-crc32   | QU+jOQ==                                     | false
            x-amz-checksum-crc32   | QU+jOA==                                     | true
            x-amz-checksum-crc32c  | ImIEBA==                                     | false
            x-amz-checksum-crc32c  | ImIEBQ==                                     | true
            x-amz-checksum-sha1    | L9ThxnotKPzthJ7hu3bnORuT6xI=                 | false
            x-amz-checksum-sha256  | 16j7swfXgJRpypq8sAguT41WUeRtPNt2LQLQvzfJ5ZI= | false
            x-amz-checksum-sha256  | 16j7swfXgJRpypq8sAguT41WUeRtPNt2LQLQvzfJ5ZA= | true
            """)
    void verifiesTheStoredChecksum(String header, String stored, boolean mismatch) {
        Checksums.Verifier v = Checksums.verifier(Map.of(header, stored)::get);
        // in two pieces, as a body arrives
        v.update(ByteBuffer.wrap(BODY, 0, 10));
        v.update(ByteBuffer.wrap(BODY, 10, BODY.length - 10));
        assertThat(v.mismatch().isPresent()).isEqualTo(mismatch);
    }

    @ParameterizedTest(name = "{0}: {1} is not verified")
    @CsvSource(delimiter = '|', textBlock = """
            x-amz-checksum-crc64nvme | AAAAAAAAAAA=
            x-amz-checksum-crc32     | QU+jOA==-3
            x-amz-checksum-sha256    | 16j7swfXgJRpypq8sAguT41WUeRtPNt2LQLQvzfJ5ZA=-2
            """)
    void unverifiableChecksumsPass(String header, String stored) {
        Checksums.Verifier v = Checksums.verifier(Map.of(header, stored)::get);
        v.update(ByteBuffer.wrap(BODY));
        assertThat(v.mismatch()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            <Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error> | Code    | NoSuchKey
            <Error><Code>NoSuchKey</Code><Message>a &lt;b&gt; &amp; c</Message></Error>               | Message | a <b> & c
            <Error><Message>x</Message></Error>                                                     | Code    |
            ''                                                                                      | Code    |
            """)
    void readsS3sErrorDocument(String xml, String element, String expected) {
        assertThat(S3Transfers.element(xml, element)).isEqualTo(expected);
    }
}
