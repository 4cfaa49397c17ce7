package io.trailhunt.job;

/** Lets tests in other packages run the CLI in-process and read its exit code. */
public final class TrailhuntJobAccess {
    private TrailhuntJobAccess() {}

    public static int run(String... args) {
        return TrailhuntJob.run(args);
    }
}
