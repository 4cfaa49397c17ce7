package io.trailhunt.detectors.stats;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Counts of the values of a few categorical components (action, service, network, ...), bounded:
 * at most {@code maxDistinct} values per component (a new value evicts the least counted one)
 * and counts halved when a component's total reaches {@code maxTotal}, so old habits fade and
 * the state does not grow with the event rate. Keys are the component's index (one char) and
 * the value, in one map, so the state is one Flink map. A caller that keeps a model derived from
 * which values are held (novel-activity's population model) is told of each value forgotten.
 */
public class CategoricalCounts {
    /** Told of each value a model forgets: evicted for a new one, or halved to zero. */
    @FunctionalInterface
    public interface Forgotten {
        void value(int component, String value);
    }

    private static final Forgotten IGNORE = (component, value) -> {};

    @TypeInfo(StringIntMapTypeInfoFactory.class)
    public Map<String, Integer> counts = new HashMap<>();
    public int[] totals;
    public int[] distinct;

    public CategoricalCounts() {}

    public CategoricalCounts(int components) {
        totals = new int[components];
        distinct = new int[components];
    }

    private static String key(int component, String value) {
        return (char) ('0' + component) + value;
    }

    public int count(int component, String value) {
        Integer c = counts.get(key(component, value));
        return c == null ? 0 : c;
    }

    public int total(int component) {
        return totals[component];
    }

    public int distinct(int component) {
        return distinct[component];
    }

    /**
     * Adds {@code weight} to a value's count.
     *
     * @return true when the value was not counted before (it is new to this model)
     */
    public boolean add(int component, String value, int weight, int maxDistinct, int maxTotal) {
        return add(component, value, weight, maxDistinct, maxTotal, IGNORE);
    }

    /**
     * Adds {@code weight} to a value's count, telling {@code forgotten} of the values this drops.
     *
     * @return true when the value was not counted before (it is new to this model)
     */
    public boolean add(int component, String value, int weight, int maxDistinct, int maxTotal, Forgotten forgotten) {
        String k = key(component, value);
        Integer c = counts.get(k);
        boolean isNew = c == null;
        if (isNew) {
            if (distinct[component] >= maxDistinct) {
                evictLeast(component, forgotten);
            }
            distinct[component]++;
            counts.put(k, weight);
        } else {
            counts.put(k, c + weight);
        }
        totals[component] += weight;
        if (totals[component] >= maxTotal) {
            halve(component, forgotten);
        }
        return isNew;
    }

    /** Takes {@code weight} off a value's count (not below zero); a value whose count reaches zero is forgotten. */
    public void remove(int component, String value, int weight) {
        String k = key(component, value);
        Integer c = counts.get(k);
        if (c == null) {
            return;
        }
        if (c <= weight) {
            counts.remove(k);
            distinct[component]--;
            totals[component] -= c;
        } else {
            counts.put(k, c - weight);
            totals[component] -= weight;
        }
    }

    /** Each value held, with its component. */
    public void forEach(BiConsumer<Integer, String> action) {
        for (String k : counts.keySet()) {
            action.accept(k.charAt(0) - '0', k.substring(1));
        }
    }

    /** Halves every count of a component; values whose count drops to zero are forgotten. */
    private void halve(int component, Forgotten forgotten) {
        char prefix = (char) ('0' + component);
        int total = 0;
        Iterator<Map.Entry<String, Integer>> it = counts.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Integer> e = it.next();
            if (e.getKey().charAt(0) != prefix) {
                continue;
            }
            int half = e.getValue() / 2;
            if (half == 0) {
                it.remove();
                distinct[component]--;
                forgotten.value(component, e.getKey().substring(1));
            } else {
                e.setValue(half);
                total += half;
            }
        }
        totals[component] = total;
    }

    private void evictLeast(int component, Forgotten forgotten) {
        char prefix = (char) ('0' + component);
        String least = null;
        int leastCount = Integer.MAX_VALUE;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getKey().charAt(0) == prefix && e.getValue() < leastCount) {
                least = e.getKey();
                leastCount = e.getValue();
            }
        }
        if (least != null) {
            counts.remove(least);
            distinct[component]--;
            totals[component] -= leastCount;
            forgotten.value(component, least.substring(1));
        }
    }
}
