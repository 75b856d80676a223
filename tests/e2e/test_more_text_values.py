"""More of Kanboard's texts sent as other JSON values, answered as Kanboard 1.2.53 answers
them (recorded in more-text-values-scenario): where no validator of Kanboard's measures
a text, an array or an object is stored as "Array" rather than refused."""
from __future__ import annotations

from tests.conftest import Rpc

URL = "http://127.0.0.1:9/page"  # a private address: no title is fetched


async def test_tag_group_and_link_names_store_an_array_as_array(kanboard: Rpc) -> None:
    project_id = await kanboard.call("createProject", {"name": "Arrays"})
    tag_id = await kanboard.call("createTag", {"project_id": project_id, "tag": "t"})
    assert await kanboard.call("updateTag", {"tag_id": tag_id, "tag": [1, "a"]}) is True
    assert [t["name"] for t in await kanboard.call("getTagsByProject", [project_id])] == [
        "Array"]
    assert await kanboard.call("createTag", {"project_id": project_id, "tag": {"a": 1}}) is False
    group_id = await kanboard.call("createGroup", {"name": [1], "external_id": {"a": 1}})
    group = await kanboard.call("getGroup", [group_id])
    assert (group["name"], group["external_id"]) == ("Array", "Array")
    link_id = await kanboard.call("createLink", {"label": {"a": 1}, "opposite_label": 7})
    assert (await kanboard.call("getLinkById", [link_id]))["label"] == "Array"
    assert await kanboard.call("createLink", {"label": [2]}) is False  # "Array" is taken


async def test_a_link_labelled_false_is_created_with_an_empty_label(kanboard: Rpc) -> None:
    """LinkValidator's Required takes false for a value and NotEquals compares it with
    the default opposite '' as sent: they differ."""
    link_id = await kanboard.call("createLink", {"label": False})
    assert (await kanboard.call("getLinkById", [link_id]))["label"] == ""
    assert await kanboard.call("createLink", {"label": ""}) is False


async def test_metadata_names_emails_and_roles_compare_an_array_as_array(kanboard: Rpc) -> None:
    project_id = await kanboard.call("createProject", {"name": "Named"})
    await kanboard.call("saveProjectMetadata", {"project_id": project_id,
                                                "values": {"Array": "kept"}})
    assert await kanboard.call("getProjectMetadataByName",
                               {"project_id": project_id, "name": [1, "a"]}) == "kept"
    assert await kanboard.call("removeProjectMetadata",
                               {"project_id": project_id, "name": {"a": 1}}) is True
    assert await kanboard.call("getProjectMetadata", [project_id]) == {}
    assert await kanboard.call("getProjectByEmail", [[1]]) is False
    for role in ([1], {"a": 1}, False, None):  # no such role; Kanboard refuses false, null
        assert await kanboard.call("createUser", {"username": "r", "password": "pass-word-1",
                                                  "role": role}) is False
    user_id = await kanboard.call("createUser", {"username": "r", "password": "pass-word-1"})
    assert await kanboard.call("updateUser", {"id": user_id, "role": [1]}) is False
    # a project role is stored unvalidated, as 7 is "7"
    assert await kanboard.call("addProjectUser", [project_id, user_id, [1]]) is True
    assert await kanboard.call("getProjectUserRole", [project_id, user_id]) == "Array"


async def test_a_file_named_null_or_a_number_and_a_blob_sent_as_a_boolean(kanboard: Rpc) -> None:
    """The (string) of a name is the file's name, null is ""; a blob true is "1", which
    decodes to nothing, so Kanboard stores nothing and answers false."""
    project_id = await kanboard.call("createProject", {"name": "Files"})
    named = await kanboard.call("createProjectFile", {"project_id": project_id,
                                                      "filename": None, "blob": "eA=="})
    numbered = await kanboard.call("createProjectFile", {"project_id": project_id,
                                                         "filename": 1.0, "blob": "eA=="})
    names = {f["id"]: f["name"] for f in await kanboard.call("getAllProjectFiles", [project_id])}
    assert names == {named: "", numbered: "1"}
    for blob in (True, None, 7):
        assert await kanboard.call("createProjectFile", {"project_id": project_id,
                                                         "filename": "b", "blob": blob}) is False


async def test_an_external_link_of_a_false_dependency_and_a_null_url(kanboard: Rpc) -> None:
    """ExternalLinkValidator's Required takes false (stored ""); no provider reads a
    null URL or an array type: false, not an internal error."""
    project_id = await kanboard.call("createProject", {"name": "Links"})
    task_id = await kanboard.call("createTask", {"title": "t", "project_id": project_id})
    link = {"task_id": task_id, "url": URL, "dependency": "related",
            "type": "weblink", "title": "x"}
    undepending = await kanboard.call("createExternalTaskLink", {**link, "dependency": False})
    untitled = await kanboard.call("createExternalTaskLink", link)
    assert await kanboard.call("updateExternalTaskLink", {"task_id": task_id,
                                                          "link_id": untitled, "title": False})
    read = [await kanboard.call("getExternalTaskLinkById", [task_id, link_id])
            for link_id in (undepending, untitled)]
    assert (read[0]["dependency"], read[1]["title"]) == ("", "")
    # the stored "" is required again on the next update, as in Kanboard
    assert await kanboard.call("updateExternalTaskLink", {"task_id": task_id,
                                                          "link_id": untitled, "url": URL}) is False
    assert await kanboard.call("createExternalTaskLink", {**link, "url": None}) is False
    assert await kanboard.call("createExternalTaskLink", {**link, "type": [1]}) is False


async def test_a_null_description_stays_null_and_a_false_identifier_is_refused(
        kanboard: Rpc) -> None:
    project_id = await kanboard.call("createProject", {"name": "Board"})
    lane_id = await kanboard.call("addSwimlane", {"project_id": project_id, "name": "l",
                                                  "description": None})
    column_id = await kanboard.call("addColumn", {"project_id": project_id, "title": "c",
                                                  "description": None})
    assert (await kanboard.call("getSwimlane", [lane_id]))["description"] is None
    assert (await kanboard.call("getColumn", [column_id]))["description"] is None
    first = (await kanboard.call("getColumns", [project_id]))[0]["id"]
    assert await kanboard.call("updateColumn", {"column_id": first, "title": "Backlog",
                                                "description": None}) is True
    assert (await kanboard.call("getColumn", [first]))["description"] is None
    # ProjectValidator's AlphaNumeric checks false (ctype_alnum says no); null is none
    assert await kanboard.call("createProject", {"name": "f", "identifier": False}) is False
    assert await kanboard.call("updateProject", {"project_id": project_id,
                                                 "identifier": False}) is False
    assert await kanboard.call("createProject", {"name": "n", "identifier": None})


async def test_reads_compare_an_array_name_as_array(kanboard: Rpc) -> None:
    link_id = await kanboard.call("createLink", {"label": [1]})
    assert (await kanboard.call("getLinkByLabel", [{"a": 1}]))["id"] == link_id
    project_id = await kanboard.call("createProject", {"name": "Reads"})
    assert await kanboard.call("getSwimlaneByName", {"project_id": project_id,
                                                     "name": [1]}) is None
    assert await kanboard.call("getUserByName", [[1]]) is None
    assert await kanboard.call("getTaskByReference", {"project_id": project_id,
                                                      "reference": {"a": 1}}) is None
    assert await kanboard.call("getExternalTaskLinkProviderDependencies", [[1]]) is False
    tag_id = await kanboard.call("createTag", {"project_id": project_id, "tag": "t",
                                               "color_id": [1]})
    category_id = await kanboard.call("createCategory", {"project_id": project_id,
                                                         "name": "c", "color_id": {"a": 1}})
    assert [t["color_id"] for t in await kanboard.call("getTagsByProject", [project_id])
            if t["id"] == tag_id] == ["Array"]
    assert (await kanboard.call("getCategory", [category_id]))["color_id"] == "Array"
    refused = await kanboard.answer("getCompatibleActionEvents", [None])
    assert refused["error"]["message"] == "Automatic Action Not Found: "


async def test_a_search_word_of_digits_also_names_a_task_id(kanboard: Rpc) -> None:
    """Kanboard's TaskTitleFilter: "12" or "#12" is task 12 or a title holding it; true
    is "1"."""
    project_id = await kanboard.call("createProject", {"name": "Search"})
    first = await kanboard.call("createTask", {"title": "alpha", "project_id": project_id})
    titled = await kanboard.call("createTask", {"title": f"see {first}", "project_id": project_id})
    found = [t["id"] for t in await kanboard.call("searchTasks", {"project_id": project_id,
                                                                  "query": str(first)})]
    assert found == [first, titled]
    assert [t["id"] for t in await kanboard.call(
        "searchTasks", {"project_id": project_id, "query": f"#{first}"})] == [first]
    assert await kanboard.call("searchTasks", {"project_id": project_id, "query": 99}) == []
