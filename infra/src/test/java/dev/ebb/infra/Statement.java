package dev.ebb.infra;

import static dev.ebb.infra.CfnTemplate.list;
import static dev.ebb.infra.CfnTemplate.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One IAM policy statement found in a template, with where it came from.
 *
 * @param kind     {@code "identity"} (a role's inline policy), {@code "key"} (a KMS key policy) or
 *                 {@code "resource"} (a bucket, queue or topic policy)
 * @param resources the {@code Resource} entries as template values ({@code "*"}, a {@code Fn::Sub}, …)
 */
record Statement(
        String file,
        String owner,
        String kind,
        String sid,
        String effect,
        List<String> actions,
        List<Object> resources,
        Map<String, Object> condition) {

    boolean allows() {
        return "Allow".equals(effect);
    }

    boolean anyResource() {
        return resources.contains("*");
    }

    String where() {
        return file + " " + owner + (sid == null ? "" : " [" + sid + "]");
    }

    /** Every statement of every policy in the template: role policies, key policies, resource policies. */
    static List<Statement> all(CfnTemplate t) {
        List<Statement> out = new ArrayList<>();
        t.resources().forEach((id, value) -> {
            Map<String, Object> r = map(value);
            Map<String, Object> p = map(r.get("Properties"));
            switch (String.valueOf(r.get("Type"))) {
                case "AWS::IAM::Role" ->
                    list(p.get("Policies"))
                            .forEach(pol -> add(
                                    out,
                                    t,
                                    id + "/" + map(pol).get("PolicyName"),
                                    "identity",
                                    map(pol).get("PolicyDocument")));
                case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy" ->
                    add(out, t, id, "identity", p.get("PolicyDocument"));
                case "AWS::KMS::Key" -> add(out, t, id, "key", p.get("KeyPolicy"));
                case "AWS::S3::BucketPolicy", "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy" ->
                    add(out, t, id, "resource", p.get("PolicyDocument"));
                default -> {}
            }
        });
        return out;
    }

    private static void add(List<Statement> out, CfnTemplate t, String owner, String kind, Object document) {
        List<Object> statements = new ArrayList<>();
        for (Object s : list(map(document).get("Statement"))) {
            // a conditional statement: both branches are checked (AWS::NoValue is no statement)
            List<Object> branches = list(map(s).get("Fn::If"));
            statements.addAll(
                    branches.isEmpty()
                            ? List.of(s)
                            : branches.subList(1, branches.size()).stream()
                                    .filter(b -> map(b).containsKey("Effect"))
                                    .toList());
        }
        for (Object s : statements) {
            Map<String, Object> st = map(s);
            List<String> actions =
                    list(st.get("Action")).stream().map(String::valueOf).toList();
            out.add(new Statement(
                    t.file(),
                    owner,
                    kind,
                    (String) st.get("Sid"),
                    String.valueOf(st.get("Effect")),
                    actions,
                    list(st.get("Resource")),
                    map(st.get("Condition"))));
        }
    }
}
