package io.trailhunt.detectors.travel;

/**
 * An impossible pair of places: an earlier one ({@code other}, from the state) and the event's own
 * ({@code here}), with what made it impossible. Events may arrive out of order, so either may be first.
 */
record Trip(Place other, Place here, double distance, int allowance, long gap, double speed) {
    Place from() {
        return other.eventTime <= here.eventTime ? other : here;
    }

    Place to() {
        return from() == other ? here : other;
    }

    /** Why the pair is weak evidence (one place is an exit), or null when both places are strong. */
    String weakBecause() {
        Place from = from();
        return from.weakBecause != null ? from.weakBecause : to().weakBecause;
    }
}
