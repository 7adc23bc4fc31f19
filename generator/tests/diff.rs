//! `mdbind diff` between the beta corpus and a copy with scripted edits: each
//! edit is found, classified, and nothing else is reported.

mod common;

use std::path::Path;

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn diff_finds_scripted_edits_of_the_corpus() {
    let Some(corpus) = common::shared(
        "corpus/graph-beta",
        "diff_finds_scripted_edits_of_the_corpus",
    ) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let edited = dir.path().join("graph-beta");
    copy_tree(&corpus, &edited);
    let resource = edited.join("resources/accesspackageassignmentrequest.md");
    // A removed property, a property whose type changed, an added enum member, a new operation.
    edit(
        &resource,
        "|isValidationOnly|Boolean|",
        "|removedRow|Boolean|",
    );
    let text = std::fs::read_to_string(&resource).unwrap();
    let row = text
        .lines()
        .find(|l| l.starts_with("|removedRow|"))
        .unwrap()
        .to_string();
    edit(&resource, &format!("{row}\n"), "");
    // The JSON representation shows it too; a property it shows is still documented.
    edit(&resource, "    \"isValidationOnly\": false,\n", "");
    edit(
        &resource,
        "|completedDate|DateTimeOffset|",
        "|completedDate|String|",
    );
    let options = edited.join("resources/accesspackage-accesspackagefilterbycurrentuseroptions.md");
    edit(
        &options,
        "|allowedRequestor|1|Allowed requestor.|",
        "|allowedRequestor|1|Allowed requestor.|\n|approver|2|Approver.|",
    );
    std::fs::copy(
        edited.join("api/user-get.md"),
        edited.join("api/user-get-twin.md"),
    )
    .unwrap();

    let old = mdbind::load(&corpus).unwrap();
    let new = mdbind::load(&edited).unwrap();
    let diff = mdbind::diff::diff(&old, &new);
    let got: Vec<(&str, &str, &str, bool)> = diff
        .changes
        .iter()
        .map(|c| (c.kind, c.change, c.item.as_str(), c.breaking))
        .collect();
    assert_eq!(
        got,
        [
            (
                "property",
                "changed",
                "microsoft.graph.accessPackageAssignmentRequest.completedDate",
                true
            ),
            (
                "property",
                "removed",
                "microsoft.graph.accessPackageAssignmentRequest.isValidationOnly",
                true
            ),
            (
                "enum_member",
                "added",
                "microsoft.graph.accessPackageFilterByCurrentUserOptions.approver",
                false
            ),
            ("operation", "added", "user-get-twin", false),
        ]
    );
    assert_eq!(
        diff.changes[0].detail.as_deref(),
        Some("Edm.DateTimeOffset -> Edm.String")
    );
    assert_eq!(
        (diff.breaking, diff.non_breaking, diff.semver),
        (2, 2, "major")
    );
    let json = serde_json::to_value(&diff).unwrap();
    assert_eq!(
        json["changes"][1]["old"]["file"],
        "resources/accesspackageassignmentrequest.md"
    );
    assert!(json["changes"][1]["new"].is_null());
    insta::assert_snapshot!("diff_of_scripted_edits", mdbind::diff::render(&diff));

    // The same docs on both sides: nothing.
    let same = mdbind::diff::diff(&old, &old);
    assert_eq!((same.changes.len(), same.semver), (0, "none"));
}
