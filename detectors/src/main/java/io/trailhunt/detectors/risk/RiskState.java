package io.trailhunt.detectors.risk;

import io.trailhunt.detectors.PrincipalRef;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per principal: the findings of the last window that add to its risk (at most
 * {@code max-contributions}), whether a crossing is waiting to be reported, and whether the
 * principal is armed (its score has been below half the threshold since the last report).
 */
public class RiskState {
    public PrincipalRef who;
    @TypeInfo(ContributionListTypeInfoFactory.class)
    public List<Contribution> contributions = new ArrayList<>();
    /** When the pending report is due; Long.MIN_VALUE when none. */
    public long reportAt = Long.MIN_VALUE;
    /** False after a report until the score falls below half the threshold. */
    public boolean armed = true;
    /** The newest finding time seen. */
    public long newest = Long.MIN_VALUE;

    public RiskState() {}

    /** Serializes the contribution list with Flink's ListSerializer over the POJO, not Kryo. */
    public static class ContributionListTypeInfoFactory extends TypeInfoFactory<List<Contribution>> {
        @Override
        public TypeInformation<List<Contribution>> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return Types.LIST(TypeInformation.of(Contribution.class));
        }
    }
}
