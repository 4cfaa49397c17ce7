package io.trailhunt.detectors.travel;

/** Per principal: where it last acted, and until when further impossible pairs are quiet. */
public class ImpossibleTravelState {
    public Place last;
    /** Impossible pairs before this event time are repeats of the last finding's story (0: none). */
    public long quietUntil;
    /** The expiry timer this detector registered and waits for (0: none). */
    public long timerAt;

    public ImpossibleTravelState() {}
}
