package io.trailhunt.detectors.travel;

/**
 * Per principal: where it last acted, the last strong place before that when the last one is only an
 * exit (an anonymizer or a hosting provider), and until when further impossible pairs are quiet.
 */
public class ImpossibleTravelState {
    public Place last;
    /**
     * The latest place that is not an exit, kept only while {@link #last} is one (null otherwise,
     * when {@code last} is that place): an exit in between must not hide where the principal was.
     */
    public Place strongBefore;
    /** Impossible pairs before this event time are repeats of the last finding's story (0: none). */
    public long quietUntil;
    /** The same for pairs of strong places: only a strong (high) finding quiets those (0: none). */
    public long strongQuietUntil;
    /** The subjects of the findings that opened those quiet periods: repeats are counted under them. */
    public String quietSubject;
    public String strongQuietSubject;
    /** The expiry timer this detector registered and waits for (0: none). */
    public long timerAt;

    public ImpossibleTravelState() {}

    /** The latest strong place, or null when there is none. */
    Place strongPlace() {
        if (last == null || last.weakBecause == null) {
            return last;
        }
        return strongBefore;
    }

    /** Takes {@code here} as the last place (when it is not older) and keeps the strong one apart. */
    void remember(Place here) {
        Place strong = strongPlace();
        boolean newest = last == null || here.eventTime >= last.eventTime;
        if (here.weakBecause == null && (strong == null || here.eventTime >= strong.eventTime)) {
            strong = here;
        }
        if (newest) {
            last = here;
        }
        strongBefore = last.weakBecause == null ? null : strong;
    }
}
