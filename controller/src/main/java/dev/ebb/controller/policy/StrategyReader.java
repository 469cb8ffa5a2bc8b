package dev.ebb.controller.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads {@code spec.capacityProviders} and applies ECS's own rules for a capacity provider strategy. */
final class StrategyReader {

    static final List<ProviderShare> DEFAULT = List.of(new ProviderShare(CapacityProvider.FARGATE, 0, 1));
    static final int MAX_BASE = 100_000;
    static final int MAX_WEIGHT = 1_000;
    private static final List<String> KEYS = List.of("name", "base", "weight");

    private StrategyReader() {}

    static List<ProviderShare> read(MappingReader spec, Problems problems) {
        String path = spec.keyPath("capacityProviders");
        Optional<SequenceNode> list = spec.sequence("capacityProviders");
        if (list.isEmpty()) {
            return DEFAULT;
        }
        if (list.get().getValue().isEmpty()) {
            problems.at(list.get(), path, "must name at least one of FARGATE, FARGATE_SPOT");
            return DEFAULT;
        }
        Map<String, CapacityProvider> names = new LinkedHashMap<>();
        for (CapacityProvider p : CapacityProvider.values()) {
            names.put(p.name(), p);
        }
        List<ProviderShare> shares = new ArrayList<>();
        Map<CapacityProvider, Integer> seenAtLine = new LinkedHashMap<>();
        ProviderShare withBase = null;
        int index = 0;
        for (Node item : list.get().getValue()) {
            String itemPath = path + "[" + index++ + "]";
            Optional<MappingReader> entry = MappingReader.of(item, itemPath, KEYS, problems);
            if (entry.isEmpty()) {
                continue;
            }
            MappingReader e = entry.get();
            e.required("name");
            e.required("weight");
            CapacityProvider provider = e.choice("name", null, names);
            int base = e.integer("base", 0, 0, MAX_BASE);
            int weight = e.integer("weight", 1, 0, MAX_WEIGHT);
            if (provider == null) {
                continue;
            }
            int line = item.getStartMark().map(m -> m.getLine() + 1).orElse(0);
            Integer earlier = seenAtLine.putIfAbsent(provider, line);
            if (earlier != null) {
                problems.at(
                        e.value("name").orElseThrow(),
                        e.keyPath("name"),
                        provider + " is already listed on line " + earlier + "; name each provider once");
                continue;
            }
            ProviderShare share = new ProviderShare(provider, base, weight);
            if (base > 0 && withBase != null) {
                problems.at(
                        e.value("base").orElseThrow(),
                        e.keyPath("base"),
                        "a base is already set on " + withBase.provider()
                                + "; ECS allows a base on one provider only (set 0 or remove it)");
            } else if (base > 0) {
                withBase = share;
            }
            shares.add(share);
        }
        if (!shares.isEmpty() && shares.stream().allMatch(s -> s.weight() == 0)) {
            problems.at(
                    list.get(),
                    path,
                    "at least one provider needs a weight above 0; ECS rejects a strategy whose weights are all 0");
        }
        return shares.isEmpty() ? DEFAULT : shares;
    }
}
