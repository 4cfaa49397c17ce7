package io.trailhunt.detectors.common;

import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

import java.lang.reflect.Type;
import java.util.Map;

/** Serializes {@code Map<String, Long>} state fields (value → last seen) with Flink's MapSerializer, not Kryo. */
public class StringLongMapTypeInfoFactory extends TypeInfoFactory<Map<String, Long>> {
    @Override
    public TypeInformation<Map<String, Long>> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
        return Types.MAP(Types.STRING, Types.LONG);
    }
}
