package dev.ebb.local.account;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Copies a bucket to a folder, key for key, and reads each image's size from its header. */
public final class OutputCopy {

    private OutputCopy() {}

    public static Map<String, Accounting.Output> copy(S3Client s3, String bucket, Path folder) throws IOException {
        Path root = folder.toAbsolutePath().normalize();
        Map<String, Accounting.Output> copied = new TreeMap<>();
        for (var page : s3.listObjectsV2Paginator(r -> r.bucket(bucket))) {
            for (S3Object o : page.contents()) {
                if (o.key().endsWith("/")) {
                    continue; // a folder marker (the filesystem store lists folders), not an output
                }
                Path target = root.resolve(o.key()).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    throw new IOException("refusing to write the object '" + o.key() + "' outside " + root);
                }
                Files.createDirectories(target.getParent());
                byte[] bytes =
                        s3.getObjectAsBytes(r -> r.bucket(bucket).key(o.key())).asByteArray();
                Files.write(target, bytes);
                int[] size = imageSize(target);
                copied.put(o.key(), new Accounting.Output(o.key(), bytes.length, size[0], size[1]));
            }
        }
        return copied;
    }

    /** Width and height from the header alone; {@code {0, 0}} when the file is not an image ImageIO knows. */
    static int[] imageSize(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return new int[] {0, 0};
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return new int[] {0, 0};
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            return new int[] {0, 0};
        }
    }
}
