package dev.ebb.env;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads typed settings from environment variables, strictly, for the worker and the controller
 * alike. A value that is not understood is never taken for a default: it becomes a problem naming
 * the variable, the value and what is allowed (a typo in {@code EBB_DRY_RUN} once made the
 * controller act for real). Nothing throws while reading, so every problem is collected and
 * reported at once; each reader returns a stand-in for a bad value so reading can go on.
 *
 * <p>Unset and blank are the same: the default applies. Values are trimmed.
 */
public final class EnvReader {

    /** The one accepted set of booleans, any case: the worker's documented on/off and the controller's true/false. */
    public static final String BOOLEANS = "true, false, on, off, 1 or 0";

    /** An AWS region name, e.g. eu-west-1, us-gov-west-1, cn-north-1. */
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    public EnvReader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Every problem found so far, in the order the variables were read. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Adds a problem only the caller can see (e.g. one variable against another); each problem is reported once. */
    public void problem(String text) {
        if (!problems.contains(text)) {
            problems.add(text);
        }
    }

    /** The trimmed value, or empty when unset or blank. */
    public Optional<String> optional(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public String string(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    /** @param what what the variable is for, said in the problem when it is missing */
    public String required(String name, String what) {
        Optional<String> v = optional(name);
        if (v.isEmpty()) {
            problem(name + " is not set (required: " + what + ")");
            return "";
        }
        return v.get();
    }

    public boolean bool(String name, boolean fallback) {
        Optional<String> v = optional(name);
        if (v.isEmpty()) {
            return fallback;
        }
        return switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true", "on", "1" -> true;
            case "false", "off", "0" -> false;
            default -> {
                notAllowed(name, v.get(), BOOLEANS + ", any case");
                yield fallback;
            }
        };
    }

    public int integer(String name, int fallback, int min, int max) {
        return (int) whole(name, fallback, min, max);
    }

    public long whole(String name, long fallback, long min, long max) {
        Optional<String> v = optional(name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.get());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        notAllowed(name, v.get(), "a whole number from " + min + (max == Long.MAX_VALUE ? " up" : " to " + max));
        return fallback;
    }

    /** An optional decimal number in {@code [min, max]}; {@code what} says what it counts, e.g. "the task's vCPUs". */
    public OptionalDouble decimal(String name, double min, double max, String what) {
        Optional<String> v = optional(name);
        if (v.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            double d = Double.parseDouble(v.get());
            if (d >= min && d <= max) {
                return OptionalDouble.of(d);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        notAllowed(name, v.get(), what + ", a number from " + plain(min) + " to " + plain(max));
        return OptionalDouble.empty();
    }

    /** A duration given in whole seconds (the unit is in the variable's name). */
    public Duration seconds(String name, int fallback, int min, int max) {
        return Duration.ofSeconds(integer(name, fallback, min, max));
    }

    /** A duration given in whole milliseconds (the unit is in the variable's name). */
    public Duration millis(String name, int fallback, int min, int max) {
        return Duration.ofMillis(integer(name, fallback, min, max));
    }

    /** Comma-separated values, trimmed, empty ones dropped; empty when unset. */
    public List<String> list(String name) {
        return optional(name)
                .map(v -> Arrays.stream(v.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList())
                .orElse(List.of());
    }

    /** An http:// or https:// URL with a host (an emulator, a VPC endpoint); empty when unset. */
    public Optional<URI> endpoint(String name) {
        Optional<String> v = optional(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(v.get());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        notAllowed(name, v.get(), "an http:// or https:// URL with a host, e.g. http://localhost:9324");
        return Optional.empty();
    }

    /** The first of {@code names} that is set, checked to be a region name; empty when none is set. */
    public Optional<String> region(String... names) {
        for (String name : names) {
            Optional<String> v = optional(name);
            if (v.isPresent()) {
                if (REGION.matcher(v.get()).matches()) {
                    return v;
                }
                notAllowed(name, v.get(), "an AWS region name, e.g. eu-west-1");
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * The endpoint the AWS SDKs' own convention names for {@code service} (e.g. "SQS"):
     * AWS_ENDPOINT_URL_SQS, else AWS_ENDPOINT_URL; empty when neither is set.
     */
    public Optional<URI> awsEndpoint(String service) {
        Optional<URI> common = endpoint("AWS_ENDPOINT_URL");
        return endpoint("AWS_ENDPOINT_URL_" + service).or(() -> common);
    }

    /** AWS_REGION, else AWS_DEFAULT_REGION, as the AWS SDKs and CLI read them. */
    public Optional<String> awsRegion() {
        return region("AWS_REGION", "AWS_DEFAULT_REGION");
    }

    /**
     * A value {@code parse} understands (it throws IllegalArgumentException for one it does not);
     * {@code fallback} when unset. Null for a bad value, which is then a problem.
     */
    public <T> T parsed(String name, String fallback, Function<String, T> parse, String allowed) {
        String text = optional(name).orElse(fallback);
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            notAllowed(name, text, allowed);
            return null;
        }
    }

    /** The problem every reader reports for a value it does not accept. */
    public void notAllowed(String name, String value, String allowed) {
        problem(name + "='" + value + "' is not allowed (allowed: " + allowed + ")");
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
