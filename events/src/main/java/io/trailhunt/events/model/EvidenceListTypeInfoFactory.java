package io.trailhunt.events.model;

import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/** Evidence lists (findings' and detectors' samples) are serialized by {@link EvidenceListSerializer}. */
public class EvidenceListTypeInfoFactory extends TypeInfoFactory<List<Evidence>> {
    @Override
    public TypeInformation<List<Evidence>> createTypeInfo(
            Type t, Map<String, TypeInformation<?>> genericParameters) {
        return new EvidenceListTypeInfo();
    }
}
