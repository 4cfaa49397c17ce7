package io.trailhunt.job;

import io.trailhunt.events.settings.SettingsException;
import io.trailhunt.job.cli.CliArguments;
import io.trailhunt.job.cli.RunCommand;
import io.trailhunt.job.cli.UsageException;

/**
 * The entry point, for bin/trailhunt and for Flink clusters alike. {@code main} only parses
 * arguments and maps outcomes to exit codes: 0 done, 2 bad arguments or configuration, 1 job failure.
 */
public final class TrailhuntJob {
    /** Set by bin/trailhunt: exit the JVM with the code. A cluster's main must return instead. */
    static final String CLI_PROPERTY = "trailhunt.cli";

    private TrailhuntJob() {}

    public static void main(String[] args) throws Exception {
        int code = run(args);
        if (Boolean.getBoolean(CLI_PROPERTY)) {
            System.exit(code);
        }
        if (code != 0) {
            throw new IllegalStateException("trailhunt failed with exit code " + code + "; see the message above");
        }
    }

    static int run(String[] args) {
        try {
            CliArguments parsed = CliArguments.parse(args);
            if (parsed.command().equals("help")) {
                System.out.println(CliArguments.USAGE);
                return 0;
            }
            new RunCommand(System.err).run(parsed);
            return 0;
        } catch (UsageException | SettingsException e) {
            System.err.println("trailhunt: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("trailhunt: the job failed: " + rootCause(e));
            e.printStackTrace(System.err);
            return 1;
        }
    }

    private static String rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.toString();
    }
}
