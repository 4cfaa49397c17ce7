package io.trailhunt.bench.engines;

import java.util.Set;

/** One way of finding the two stories in a {@link StoryCorpus}. */
interface Engine {
    String name();

    /**
     * Every match, as {@code "<rule id> <principal key> <id of the event that completed it>"}: the
     * success after the failures, or the deletion after the share.
     */
    Set<String> run(StoryCorpus corpus) throws Exception;

    static String match(String ruleId, String principalKey, String lastEventId) {
        return ruleId + " " + principalKey + " " + lastEventId;
    }
}
