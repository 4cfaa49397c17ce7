package io.trailhunt.detectors.manyips;

import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/** Serializes the sightings list with Flink's ListSerializer over the Sighting POJO, not Kryo. */
public class SightingListTypeInfoFactory extends TypeInfoFactory<List<Sighting>> {
    @Override
    public TypeInformation<List<Sighting>> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
        return Types.LIST(Types.POJO(Sighting.class));
    }
}
