package dev.ebb.image;

/**
 * Why a source could not be rendered. The codes are stable: they appear in reports, in the
 * dead-letter queue's message attributes and in metric tags, so users can alarm and filter on them.
 */
public enum FailureReason {
    /** Not a complete, valid image of its format: truncated, damaged, or lying about itself. */
    CORRUPT("corrupt"),
    /** Not an image format Ebb reads (JPEG, PNG, GIF, BMP, WebP). */
    UNSUPPORTED_FORMAT("unsupported_format"),
    /** The header declares more pixels, or a longer side, than the limits allow. */
    TOO_MANY_PIXELS("too_many_pixels"),
    /** The file is larger than the byte limit. */
    TOO_LARGE("too_large"),
    /** Zero bytes. */
    EMPTY("empty");

    private final String code;

    FailureReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
