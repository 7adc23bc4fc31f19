//! Names that try to break generated code (prelude type names, keywords,
//! digits and symbols, case-only differences, a property named like its
//! type, members colliding with `Other` and `Self`, one enum name in two
//! namespaces): every rename is in the schema, the output is snapshotted, and
//! it compiles and round-trips in a real cargo project.

mod common;

use std::path::PathBuf;

fn hostile() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

#[test]
fn renames_are_written_in_the_schema() {
    let schema = mdbind::load(&hostile()).unwrap();
    let rust = |ns: &str, name: &str| {
        schema
            .types
            .iter()
            .find(|t| t.namespace == ns && t.name == name)
            .map(|t| t.rust_name.as_str())
    };
    assert_eq!(rust("microsoft.graph", "option"), Some("OptionType"));
    assert_eq!(rust("microsoft.graph", "String"), Some("StringType"));
    assert_eq!(rust("microsoft.graph", "User"), Some("User"));
    assert_eq!(rust("microsoft.graph", "user"), Some("User2"));
    let option = schema.types.iter().find(|t| t.name == "option").unwrap();
    let fields: Vec<(&str, &str)> = option
        .properties
        .iter()
        .map(|p| (p.name.as_str(), p.rust_name.as_str()))
        .collect();
    for expected in [
        ("type", "type"),
        ("self", "self_"),
        ("crate", "crate_"),
        ("3dModel", "_3d_model"),
        ("e-tag", "e_tag"),
        ("eTag", "e_tag_2"),
    ] {
        assert!(fields.contains(&expected), "{expected:?} in {fields:?}");
    }
    let kind = schema
        .enums
        .iter()
        .find(|e| e.name == "OptionKind")
        .unwrap();
    let members: Vec<(&str, &str)> = kind
        .members
        .iter()
        .map(|m| (m.name.as_str(), m.rust_name.as_str()))
        .collect();
    assert_eq!(
        members,
        [
            ("self", "SelfValue"),
            ("Other", "OtherValue"),
            ("other", "OtherValue2"),
            ("1st", "V1st"),
            ("a-b", "AB"),
            ("Self", "SelfValue2")
        ]
    );
    assert!(schema
        .enums
        .iter()
        .any(|e| e.name == "architecture" && e.flags));
    let colors: Vec<(&str, &str)> = schema
        .enums
        .iter()
        .filter(|e| e.name == "color")
        .map(|e| (e.namespace.as_str(), e.rust_name.as_str()))
        .collect();
    assert_eq!(
        colors,
        [
            ("microsoft.graph", "Color"),
            ("microsoft.graph.other", "Color")
        ]
    );
}

#[test]
fn generated_code_snapshot() {
    let (_, files) = mdbind::generate(&hostile()).unwrap();
    insta::assert_snapshot!("hostile_names", common::joined(&files));
}

#[test]
fn hostile_names_compile_and_round_trip() {
    let lib_rs = r##"include!(concat!(env!("OUT_DIR"), "/mdbind.rs"));

#[cfg(test)]
use mdbind_runtime::Tristate;

#[test]
fn keywords_symbols_and_recursion_round_trip() {
    let json = serde_json::json!({
        "type": "t", "match": "m", "self": "s", "Self": "S", "crate": "c", "3dModel": "3d",
        "e-tag": "dash", "eTag": "camel", "$value": "dollar", "additionalProperties": "named like the map",
        "kind": "a-b", "option": {"kind": "Other", "option": {"kind": "unheard of"}},
        "extra": [1, 2]
    });
    let value: microsoft_graph::OptionType = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(value.r#type.value().map(String::as_str), Some("t"));
    assert_eq!(value.self_2.value().map(String::as_str), Some("S"));
    assert_eq!(value.kind.value(), Some(&microsoft_graph::OptionKind::AB));
    let inner = value.option.value().unwrap();
    assert_eq!(inner.kind.value(), Some(&microsoft_graph::OptionKind::OtherValue));
    assert_eq!(inner.option.value().unwrap().kind.value(), Some(&microsoft_graph::OptionKind::Other("unheard of".into())));
    assert_eq!(serde_json::to_value(&value).unwrap(), json);
    let colors = serde_json::json!({"color": "red", "otherColor": "cyan", "architectures": "x86,arm64"});
    let boxed: microsoft_graph::BoxType = serde_json::from_value(colors.clone()).unwrap();
    assert_eq!(boxed.other_color.value(), Some(&microsoft_graph_other::Color::Cyan));
    let flags = boxed.architectures.value().unwrap();
    assert_eq!(flags.0, [microsoft_graph::Architecture::X86, microsoft_graph::Architecture::Arm64]);
    assert_eq!(serde_json::to_value(&boxed).unwrap(), colors);
}

#[test]
fn odata_type_picks_the_derived_type() {
    use microsoft_graph::AnyShape;
    let json = serde_json::json!({
        "shapes": [
            {"@odata.type": "#microsoft.graph.circle", "id": "c", "radius": 2.5},
            {"@odata.type": "#Microsoft.Graph.Ring", "id": "r", "radius": 1.0, "width": 3},
            {"id": "plain", "radius": "kept"},
            {"@odata.type": "#microsoft.graph.hexagon", "id": "h", "corners": 6}
        ],
        "main": {"@odata.type": "#microsoft.graph.circle", "outline": {"@odata.type": "#microsoft.graph.ring", "width": 1}}
    });
    let canvas: microsoft_graph::Canvas = serde_json::from_value(json.clone()).unwrap();
    let shapes = canvas.shapes.value().unwrap();
    match &shapes[0] { AnyShape::Circle(c) => assert_eq!(c.radius.value(), Some(&2.5)), other => panic!("{other:?}") }
    match &shapes[1] { AnyShape::Ring(r) => assert_eq!(r.width.value(), Some(&3)), other => panic!("{other:?}") }
    match &shapes[2] { AnyShape::Shape(s) => assert_eq!(s.additional_properties["radius"], "kept"), other => panic!("{other:?}") }
    match &shapes[3] { AnyShape::Shape(s) => assert_eq!(s.additional_properties["corners"], 6), other => panic!("{other:?}") }
    match canvas.main.value().unwrap() {
        AnyShape::Circle(c) => assert!(matches!(c.outline.value(), Some(AnyShape::Ring(_)))),
        other => panic!("{other:?}"),
    }
    assert_eq!(serde_json::to_value(&canvas).unwrap(), json);
}
"##;
    let (project, target) = common::probe(
        "mdbind-hostile-probe",
        &hostile(),
        "",
        "fn main() { mdbind::Builder::new().docs(\"docs\").warning_lines(0).generate().unwrap(); }\n",
        lib_rs, "",
    );
    let (ok, stdout, stderr) = common::cargo(project.path(), &target, &["test", "--offline"]);
    assert!(ok, "{stdout}\n{stderr}");
    for test in [
        "keywords_symbols_and_recursion_round_trip",
        "odata_type_picks_the_derived_type",
    ] {
        assert!(stdout.contains(&format!("test {test} ... ok")), "{stdout}");
    }
    let (ok, _, stderr) = common::cargo(
        project.path(),
        &target,
        &["clippy", "--offline", "--", "-D", "warnings"],
    );
    assert!(
        ok || stderr.contains("no such command"),
        "clippy warns on generated code:\n{stderr}"
    );
}
