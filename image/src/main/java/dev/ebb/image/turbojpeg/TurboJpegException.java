package dev.ebb.image.turbojpeg;

/** A TurboJPEG call failed; {@code warning} is true when libjpeg only warned (e.g. a truncated file). */
public final class TurboJpegException extends Exception {

    private final boolean warning;

    public TurboJpegException(String message, boolean warning) {
        super(message);
        this.warning = warning;
    }

    public boolean warning() {
        return warning;
    }
}
