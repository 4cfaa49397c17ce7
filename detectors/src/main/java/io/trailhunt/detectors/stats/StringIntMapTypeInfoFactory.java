package io.trailhunt.detectors.stats;

import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

import java.lang.reflect.Type;
import java.util.Map;

/** Serializes {@code Map<String, Integer>} POJO fields with Flink's MapSerializer instead of Kryo. */
public class StringIntMapTypeInfoFactory extends TypeInfoFactory<Map<String, Integer>> {
    @Override
    public TypeInformation<Map<String, Integer>> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
        return Types.MAP(Types.STRING, Types.INT);
    }
}
