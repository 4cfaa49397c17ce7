package io.trailhunt.cep.evasion;

/** Per principal, in the read gate: its latest tampering, and whether a read after it has gone on. */
public class GateState {
    /** Event time of the principal's latest successful tampering. */
    public long tampering;
    /** A read within the window after {@link #tampering} has been let through. */
    public boolean readPassed;

    public GateState() {}
}
