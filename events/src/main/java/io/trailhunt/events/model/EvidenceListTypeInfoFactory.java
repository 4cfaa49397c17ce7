package io.trailhunt.events.model;

import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/** Serializes a finding's evidence list with Flink's ListSerializer over the Evidence POJO. */
public class EvidenceListTypeInfoFactory extends TypeInfoFactory<List<Evidence>> {
    @Override
    public TypeInformation<List<Evidence>> createTypeInfo(
            Type t, Map<String, TypeInformation<?>> genericParameters) {
        return Types.LIST(Types.POJO(Evidence.class));
    }
}
