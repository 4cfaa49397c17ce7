package io.trailhunt.job.cli;

/** Bad command-line arguments; the message says what to type instead. Exit code 2. */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
