package dev.ebb.controller.policy;

import java.util.List;

/** Every kind of bad policy, with where the error must point. Shared by the parser and schema tests. */
final class BadPolicies {

    /**
     * @param line 1-based line the error must name
     * @param schemaSees false where JSON Schema cannot express the rule (or the text is no YAML at all)
     */
    record Case(String name, String yaml, int line, int column, String key, String fragment, boolean schemaSees) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A valid header; spec keys given to it start on line 6, column 3. */
    static String withSpec(String specBody) {
        return """
                apiVersion: ebb.dev/v1
                kind: ScalingPolicy
                metadata:
                  name: test
                spec:
                """ + specBody.indent(2);
    }

    static final String OK_SPEC = "targetMessagesPerTask: 10\nmaxTasks: 5\n";

    static List<Case> all() {
        return List.of(
                new Case(
                        "typo in a spec key",
                        withSpec("targetMessagesPerTask: 10\nmaxTask: 5"),
                        7,
                        3,
                        "spec.maxTask",
                        "unknown key; did you mean 'maxTasks'?",
                        true),
                new Case(
                        "typo says what is allowed",
                        withSpec(OK_SPEC + "countInflight: true"),
                        8,
                        3,
                        "spec.countInflight",
                        "allowed here: paused, work, targetMessagesPerTask",
                        true),
                new Case(
                        "typo at the top",
                        withSpec(OK_SPEC) + "metdata: {}\n",
                        8,
                        1,
                        "metdata",
                        "did you mean 'metadata'?",
                        true),
                new Case(
                        "wrong type: text for a number",
                        withSpec("targetMessagesPerTask: 10\nmaxTasks: ten"),
                        7,
                        13,
                        "spec.maxTasks",
                        "must be a whole number from 1 to 1000, got the text 'ten'",
                        true),
                new Case(
                        "wrong type: quoted number",
                        withSpec("targetMessagesPerTask: '10'\nmaxTasks: 5"),
                        6,
                        26,
                        "spec.targetMessagesPerTask",
                        "got the text '10'",
                        true),
                new Case(
                        "wrong type: decimal",
                        withSpec("targetMessagesPerTask: 2.5\nmaxTasks: 5"),
                        6,
                        26,
                        "spec.targetMessagesPerTask",
                        "must be a whole number from 1 to 100000, got the decimal number 2.5",
                        true),
                new Case(
                        "wrong type: yes is not a boolean in YAML 1.2",
                        withSpec(OK_SPEC + "paused: yes"),
                        8,
                        11,
                        "spec.paused",
                        "must be true or false, got the text 'yes'",
                        true),
                new Case(
                        "wrong type: empty value",
                        withSpec("targetMessagesPerTask: 10\nmaxTasks:"),
                        7,
                        12,
                        "spec.maxTasks",
                        "got nothing (null)",
                        true),
                new Case(
                        "wrong type: list for a mapping",
                        withSpec(OK_SPEC + "scaleDown: [drain]"),
                        8,
                        14,
                        "spec.scaleDown",
                        "must be a mapping with keys mode, stabilizationWindowSeconds",
                        true),
                new Case(
                        "negative minimum",
                        withSpec(OK_SPEC + "minTasks: -1"),
                        8,
                        13,
                        "spec.minTasks",
                        "must be a whole number from 0 to 1000, got the number -1",
                        true),
                new Case(
                        "zero target",
                        withSpec("targetMessagesPerTask: 0\nmaxTasks: 5"),
                        6,
                        26,
                        "spec.targetMessagesPerTask",
                        "from 1 to 100000",
                        true),
                new Case(
                        "out of range maximum",
                        withSpec("targetMessagesPerTask: 10\nmaxTasks: 5000"),
                        7,
                        13,
                        "spec.maxTasks",
                        "from 1 to 1000, got the number 5000",
                        true),
                new Case(
                        "huge number",
                        withSpec("targetMessagesPerTask: 10\nmaxTasks: 99999999999999999999"),
                        7,
                        13,
                        "spec.maxTasks",
                        "from 1 to 1000",
                        true),
                new Case(
                        "launches per cycle out of range",
                        withSpec(OK_SPEC + "maxLaunchesPerCycle: 101"),
                        8,
                        24,
                        "spec.maxLaunchesPerCycle",
                        "from 1 to 100",
                        true),
                new Case(
                        "window out of range",
                        withSpec(OK_SPEC + "scaleDown:\n  mode: stop-excess\n  stabilizationWindowSeconds: 7200"),
                        10,
                        33,
                        "spec.scaleDown.stabilizationWindowSeconds",
                        "from 0 to 3600",
                        true),
                new Case(
                        "min above max",
                        withSpec("targetMessagesPerTask: 10\nminTasks: 6\nmaxTasks: 5"),
                        7,
                        13,
                        "spec.minTasks",
                        "must not exceed maxTasks (5), got 6",
                        false),
                new Case(
                        "base on two providers",
                        withSpec(OK_SPEC + """
                        capacityProviders:
                          - name: FARGATE_SPOT
                            base: 2
                            weight: 1
                          - name: FARGATE
                            base: 1
                            weight: 1"""),
                        13,
                        13,
                        "spec.capacityProviders[1].base",
                        "a base is already set on FARGATE_SPOT; ECS allows a base on one provider only",
                        true),
                new Case(
                        "all weights zero",
                        withSpec(OK_SPEC + """
                        capacityProviders:
                          - name: FARGATE_SPOT
                            weight: 0
                          - name: FARGATE
                            weight: 0"""),
                        9,
                        5,
                        "spec.capacityProviders",
                        "at least one provider needs a weight above 0",
                        true),
                new Case(
                        "provider typo",
                        withSpec(OK_SPEC + "capacityProviders:\n  - name: FARGATE_SPOTT\n    weight: 1"),
                        9,
                        13,
                        "spec.capacityProviders[0].name",
                        "did you mean 'FARGATE_SPOT'? must be one of FARGATE | FARGATE_SPOT",
                        true),
                new Case(
                        "provider listed twice",
                        withSpec(OK_SPEC + """
                        capacityProviders:
                          - name: FARGATE
                            weight: 1
                          - name: FARGATE
                            weight: 2"""),
                        11,
                        13,
                        "spec.capacityProviders[1].name",
                        "FARGATE is already listed on line 9",
                        true),
                new Case(
                        "provider without weight",
                        withSpec(OK_SPEC + "capacityProviders:\n  - name: FARGATE"),
                        9,
                        7,
                        "spec.capacityProviders[0].weight",
                        "required key is missing",
                        true),
                new Case(
                        "empty strategy",
                        withSpec(OK_SPEC + "capacityProviders: []"),
                        8,
                        22,
                        "spec.capacityProviders",
                        "must name at least one",
                        true),
                new Case(
                        "weight out of range",
                        withSpec(OK_SPEC + "capacityProviders:\n  - name: FARGATE\n    weight: 1001"),
                        10,
                        15,
                        "spec.capacityProviders[0].weight",
                        "from 0 to 1000",
                        true),
                new Case(
                        "scale-down mode typo",
                        withSpec(OK_SPEC + "scaleDown:\n  mode: stop_excess"),
                        9,
                        11,
                        "spec.scaleDown.mode",
                        "did you mean 'stop-excess'? must be one of drain | stop-excess",
                        true),
                new Case(
                        "wrong apiVersion",
                        withSpec(OK_SPEC).replace("ebb.dev/v1", "ebb.dev/v2"),
                        1,
                        13,
                        "apiVersion",
                        "must be ebb.dev/v1, got 'ebb.dev/v2'",
                        true),
                new Case(
                        "wrong kind",
                        withSpec(OK_SPEC).replace("kind: ScalingPolicy", "kind: ScaledJob"),
                        2,
                        7,
                        "kind",
                        "must be ScalingPolicy, got 'ScaledJob'",
                        true),
                new Case(
                        "missing spec",
                        "apiVersion: ebb.dev/v1\nkind: ScalingPolicy\nmetadata:\n  name: x\n",
                        1,
                        1,
                        "spec",
                        "required key is missing",
                        true),
                new Case(
                        "missing required spec key",
                        withSpec("maxTasks: 5"),
                        5,
                        1,
                        "spec.work",
                        "required: add work (size by measured work; see config/scaling-policy.yaml) or targetMessagesPerTask",
                        true),
                new Case(
                        "both sizings",
                        withSpec(OK_SPEC + "work: {}"),
                        6,
                        3,
                        "spec.targetMessagesPerTask",
                        "not both; remove this line to size by work",
                        true),
                new Case(
                        "work: a number where a duration goes",
                        withSpec("maxTasks: 5\nwork: {drainWithin: 180}"),
                        7,
                        23,
                        "spec.work.drainWithin",
                        "written like 90s, 3m or 1h30m, got the number 180",
                        true),
                new Case(
                        "work: utilization above 100",
                        withSpec("maxTasks: 5\nwork: {targetUtilization: 101}"),
                        7,
                        29,
                        "spec.work.targetUtilization",
                        "from 10 to 100",
                        true),
                new Case(
                        "work: unknown key",
                        withSpec("maxTasks: 5\nwork: {drainWithn: 3m}"),
                        7,
                        10,
                        "spec.work.drainWithn",
                        "did you mean 'drainWithin'?",
                        true),
                new Case(
                        "maxStopsPerHour 0",
                        withSpec(OK_SPEC + "scaleDown: {maxStopsPerHour: 0}"),
                        8,
                        32,
                        "spec.scaleDown.maxStopsPerHour",
                        "from 1 to 1000",
                        true),
                new Case(
                        "bad metadata name",
                        withSpec(OK_SPEC).replace("name: test", "name: My_Policy"),
                        4,
                        9,
                        "metadata.name",
                        "lower-case letters, digits and '-'",
                        true),
                new Case(
                        "duplicate key",
                        withSpec(OK_SPEC + "maxTasks: 6"),
                        8,
                        3,
                        "spec.maxTasks",
                        "duplicate key; it was already set on line 7",
                        false),
                new Case(
                        "not YAML",
                        withSpec(OK_SPEC + "capacityProviders: [FARGATE"),
                        9,
                        1,
                        "",
                        "not valid YAML",
                        false),
                new Case(
                        "a list instead of a document",
                        "- apiVersion: ebb.dev/v1\n",
                        1,
                        1,
                        "",
                        "must be a mapping with keys apiVersion, kind, metadata, spec, got a list",
                        true));
    }

    private BadPolicies() {}
}
