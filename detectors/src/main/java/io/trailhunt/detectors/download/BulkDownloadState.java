package io.trailhunt.detectors.download;

import io.trailhunt.detectors.PrincipalRef;
import io.trailhunt.detectors.storage.Burst;
import io.trailhunt.detectors.storage.RecentCalls;

/** Per principal: its object reads in the sliding window, and the burst being watched (null when none). */
public class BulkDownloadState {
    public PrincipalRef who;
    public RecentCalls reads;
    public Burst burst;

    public BulkDownloadState() {}
}
