"""Python idioms of real registration code: what is a request, what is known, exact findings."""

from __future__ import annotations

from mplint.model import Request
from mplint.sources import python
from tests.linting import lint


def requests(text: str) -> list[Request]:
    loaded = python.load(text, "x.py")
    assert loaded.diagnostics == ()
    return list(loaded.requests)


def members(req: Request) -> list[tuple[str, str, object, int, int]]:
    return [
        (n.path, n.kind.value, n.value if not (n.is_object or n.is_array) else None, n.span.line, n.span.column)
        for n in req.root.walk()
        if n.path
    ]


# --- a module's own helper named like the API is not a request ---------------------------------

HELPERS = """\
import boto3

class Stack:
    def create_model_package(self, name):
        return {"name": name}

    def build(self):
        self.create_model_package(ModelPackageGroupName="bad name 1")

class Helper:
    def create_model_package(self, **kw):
        pass

h = Helper()
h.create_model_package(ModelPackageGroupName="bad name 2")
Helper().create_model_package(ModelPackageGroupName="bad name 3")

def f():
    g = Helper()
    g.create_model_package(ModelPackageGroupName="bad name 4")

sm = boto3.client("sagemaker")
sm.create_model_package(ModelPackageGroupName="bad name 5")
"""


def test_a_method_of_the_modules_own_class_is_not_a_request() -> None:
    assert [r.label for r in requests(HELPERS)] == ["create_model_package@L23"]
    assert lint(HELPERS, "python", dedent=False, select=("MP105",)) == [
        ("MP105", "ModelPackageGroupName", 23, 51)  # the character that breaks the pattern
    ]


def test_a_name_also_bound_to_something_else_stays_a_request() -> None:
    text = (
        "class Helper:\n"
        "    def create_model_package(self, **kw):\n"
        "        pass\n"
        "sm = Helper()\n"
        "if real:\n"
        "    sm = boto3.client('sagemaker')\n"
        "sm.create_model_package(ModelPackageGroupName='g')\n"
    )
    assert [r.label for r in requests(text)] == ["create_model_package@L7"]


def test_self_call_in_a_class_without_that_method_is_a_request() -> None:
    text = (
        "class Registrar:\n"
        "    def run(self):\n"
        "        self.sm.create_model_package(ModelPackageGroupName='g')\n"
        "        self.create_model_package(ModelPackageGroupName='h')\n"
    )
    assert [r.label for r in requests(text)] == ["create_model_package@L3", "create_model_package@L4"]


# --- SageMaker Python SDK v2 ------------------------------------------------------------------


def test_register_with_positional_arguments() -> None:
    text = (
        'model.register(["text/csv"], ["application/json"], ["ml.m5.xlarg"], ["ml.m5.xlarge"],\n'
        '               model_package_group_name="churn")\n'
    )
    (req,) = requests(text)
    assert members(req) == [
        ("InferenceSpecification", "object", None, 1, 1),
        ("InferenceSpecification.SupportedContentTypes", "array", None, 1, 16),
        ("InferenceSpecification.SupportedContentTypes[0]", "string", "text/csv", 1, 17),
        ("InferenceSpecification.SupportedResponseMIMETypes", "array", None, 1, 30),
        ("InferenceSpecification.SupportedResponseMIMETypes[0]", "string", "application/json", 1, 31),
        ("InferenceSpecification.SupportedRealtimeInferenceInstanceTypes", "array", None, 1, 52),
        ("InferenceSpecification.SupportedRealtimeInferenceInstanceTypes[0]", "string", "ml.m5.xlarg", 1, 53),
        ("InferenceSpecification.SupportedTransformInstanceTypes", "array", None, 1, 69),
        ("InferenceSpecification.SupportedTransformInstanceTypes[0]", "string", "ml.m5.xlarge", 1, 70),
        ("ModelPackageGroupName", "string", "churn", 2, 41),
    ]
    assert req.names["InferenceSpecification.SupportedRealtimeInferenceInstanceTypes"] == "inference_instances"
    assert lint(text, "python", dedent=False, select=("MP301",)) == [
        ("MP301", "InferenceSpecification.SupportedRealtimeInferenceInstanceTypes[0]", 1, 53)
    ]


def test_register_positions_past_the_shared_four_are_not_mapped() -> None:
    # Model.register's fifth parameter is model_package_name, Estimator.register's image_uri.
    (req,) = requests('model.register(["text/csv"], ["text/csv"], None, None, "which-one")\n')
    assert [n.path for n in req.root.walk() if n.path] == [
        "InferenceSpecification",
        "InferenceSpecification.SupportedContentTypes",
        "InferenceSpecification.SupportedContentTypes[0]",
        "InferenceSpecification.SupportedResponseMIMETypes",
        "InferenceSpecification.SupportedResponseMIMETypes[0]",
    ]


def test_register_of_a_plugin_registry_is_not_a_request() -> None:
    assert requests("registry.register([handler], 'x')\natexit.register(print, 'a/b')\n") == []


def test_register_model_step_positional_arguments() -> None:
    (req,) = requests('RegisterModel("step", ["text/csv"], ["text/csv"], ["ml.m5.xlarge"])\n')
    assert [(n.path, n.value) for n in req.root.walk() if n.kind.value == "string"] == [
        ("InferenceSpecification.SupportedContentTypes[0]", "text/csv"),
        ("InferenceSpecification.SupportedResponseMIMETypes[0]", "text/csv"),
        ("InferenceSpecification.SupportedRealtimeInferenceInstanceTypes[0]", "ml.m5.xlarge"),
    ]


def test_session_create_model_package_from_containers() -> None:
    text = (
        "sess.create_model_package_from_containers(\n"
        "    [{'Image': 'img:latest', 'ModelDataUrl': 's3://b/m.tar.gz'}], ['text/csv'], ['text/csv'],\n"
        "    ['ml.m5.xlarge'], ['ml.m5.xlarge'], 'bad name', approval_status='Aproved',\n"
        "    source_uri='s3://x', description=None)\n"
    )
    (req,) = requests(text)
    assert (req.label, req.root.open) == ("create_model_package_from_containers@L1", True)
    assert [(p, k, v) for p, k, v, _, _ in members(req)] == [
        ("InferenceSpecification", "object", None),
        ("InferenceSpecification.Containers", "array", None),
        ("InferenceSpecification.Containers[0]", "object", None),
        ("InferenceSpecification.Containers[0].Image", "string", "img:latest"),
        ("InferenceSpecification.Containers[0].ModelDataUrl", "string", "s3://b/m.tar.gz"),
        ("InferenceSpecification.SupportedContentTypes", "array", None),
        ("InferenceSpecification.SupportedContentTypes[0]", "string", "text/csv"),
        ("InferenceSpecification.SupportedResponseMIMETypes", "array", None),
        ("InferenceSpecification.SupportedResponseMIMETypes[0]", "string", "text/csv"),
        ("InferenceSpecification.SupportedRealtimeInferenceInstanceTypes", "array", None),
        ("InferenceSpecification.SupportedRealtimeInferenceInstanceTypes[0]", "string", "ml.m5.xlarge"),
        ("InferenceSpecification.SupportedTransformInstanceTypes", "array", None),
        ("InferenceSpecification.SupportedTransformInstanceTypes[0]", "string", "ml.m5.xlarge"),
        ("ModelPackageName", "string", "bad name"),
        ("ModelApprovalStatus", "string", "Aproved"),
        ("SourceUri", "string", "s3://x"),
    ]
    assert lint(text, "python", dedent=False, select=("MP104", "MP105", "MP204", "MP206")) == [
        ("MP105", "ModelPackageName", 3, 45),  # the character that breaks the pattern
        ("MP204", "ModelApprovalStatus", 3, 53),
        ("MP104", "ModelApprovalStatus", 3, 69),
        ("MP206", "SourceUri", 4, 5),
    ]


def test_session_helper_without_containers_sends_no_inference_specification() -> None:
    (req,) = requests(
        "sess.create_model_package_from_containers(content_types=['text/csv'], model_package_group_name='g')\n"
    )
    assert [n.path for n in req.root.walk() if n.path] == ["ModelPackageGroupName"]


def test_session_create_model_package_from_algorithm() -> None:
    text = (
        "sess.create_model_package_from_algorithm(\n"
        "    'bad name', 'desc', 'arn:aws:sagemaker:us-east-1:111122223333:algorithm/a', model_data=url)\n"
    )
    (req,) = requests(text)
    assert (req.root.open, members(req)) == (
        False,
        [
            ("ModelPackageName", "string", "bad name", 2, 5),
            ("ModelPackageDescription", "string", "desc", 2, 17),
            ("SourceAlgorithmSpecification", "object", None, 1, 1),
            ("SourceAlgorithmSpecification.SourceAlgorithms", "array", None, 1, 1),
            ("SourceAlgorithmSpecification.SourceAlgorithms[0]", "object", None, 1, 1),
            (
                "SourceAlgorithmSpecification.SourceAlgorithms[0].AlgorithmName",
                "string",
                "arn:aws:sagemaker:us-east-1:111122223333:algorithm/a",
                2,
                25,
            ),
        ],
    )
    assert [n.open for n in req.select("SourceAlgorithmSpecification.SourceAlgorithms[0]")] == [True]
    assert lint(text, "python", dedent=False, select=("MP1",)) == [
        ("MP105", "ModelPackageName", 2, 9)
    ]  # the character that breaks the pattern


# --- the package kind, and presence -----------------------------------------------------------


def test_a_group_given_to_the_sdk_makes_the_package_versioned() -> None:
    text = "model.register(model_package_group_name='g', marketplace_cert=True, content_types=['text/csv'])\n"
    assert lint(text, "python", dedent=False, select=("MP203",)) == [("MP203", "CertifyForMarketplace", 1, 46)]


def test_a_name_given_to_the_sdk_makes_the_package_unversioned() -> None:
    text = "model.register(model_package_name='m', approval_status=status, content_types=['text/csv'])\n"
    assert lint(text, "python", dedent=False, select=("MP204",)) == [("MP204", "ModelApprovalStatus", 1, 40)]


def test_sdk_kwargs_leave_the_kind_undecided() -> None:
    text = "model.register(model_package_group_name='g', marketplace_cert=True, **more)\n"
    assert lint(text, "python", dedent=False, select=("MP203",)) == []


def test_boto3_open_root_leaves_the_kind_undecided() -> None:
    text = "sm.create_model_package(ModelPackageName='m', ModelApprovalStatus=s, **more())\n"
    assert lint(text, "python", dedent=False, select=("MP204",)) == []


def test_a_member_present_with_an_unknown_value_is_present() -> None:
    text = "sm.create_model_package(ModelPackageName='m', ModelApprovalStatus=status_from_env())\n"
    assert lint(text, "python", dedent=False, select=("MP204",)) == [("MP204", "ModelApprovalStatus", 1, 47)]


# --- pipeline parameters ----------------------------------------------------------------------

PARAMETERS = """\
from sagemaker.workflow.parameters import ParameterBoolean, ParameterInteger, ParameterString
status = ParameterString(name="ApprovalStatus", default_value="Aproved")
certify = ParameterBoolean("Certify", True)
no_default = ParameterString(name="Group")
wrong_type = ParameterInteger(name="N", default_value="3")
sm.create_model_package(
    ModelPackageGroupName=no_default,
    ModelApprovalStatus=status,
    CertifyForMarketplace=certify,
    ModelPackageDescription=status + "-suffix",
    ClientToken=wrong_type,
)
"""


def test_a_pipeline_parameter_is_its_default_value() -> None:
    (req,) = requests(PARAMETERS)
    assert [
        (n.path, n.kind.value, n.value, n.parameter, n.span.line, n.span.column) for n in req.root.walk() if n.path
    ] == [
        ("ModelPackageGroupName", "unknown", None, None, 7, 27),
        ("ModelApprovalStatus", "string", "Aproved", "ApprovalStatus", 2, 63),
        ("CertifyForMarketplace", "boolean", True, "Certify", 3, 39),
        ("ModelPackageDescription", "unknown", None, None, 10, 29),
        ("ClientToken", "unknown", None, None, 11, 17),
    ]
    assert lint(PARAMETERS, "python", dedent=False, select=("MP1",)) == [("MP104", "ModelApprovalStatus", 2, 63)]


def test_a_pipeline_parameter_in_an_sdk_step() -> None:
    text = (
        "status = ParameterString(name='Status', default_value='Approved')\n"
        "RegisterModel(name='r', content_types=['text/csv'], approval_status=status, "
        "model_package_name='m')\n"
    )
    (req,) = requests(text)
    (node,) = req.select("ModelApprovalStatus")
    assert (node.value, node.parameter, node.span.line, node.span.column) == ("Approved", "Status", 1, 55)
    assert lint(text, "python", dedent=False, select=("MP204",)) == [("MP204", "ModelApprovalStatus", 2, 53)]


# --- partial strings: known ends, unknown middle ------------------------------------------------

PARTIAL = """\
import os
BUCKET = "my-bucket"
key = f"s3://{BUCKET}/{run_id}/input.csv"
sm.create_model_package(
    ModelPackageGroupName=f"team-{env}",
    InferenceSpecification={"Containers": [{"Image": f"{account}.dkr.ecr.{region}.amazonaws.com/img:latest",
                                            "ModelDataUrl": key}]},
    SamplePayloadUrl="s3://{}/payload/{}".format(b, k) + ".json",
    SourceUri=os.path.join(base, "model.tar.gz"),
    ModelPackageDescription=prefix + "x" + "y",
)
"""


def test_partial_strings_keep_their_known_ends() -> None:
    (req,) = requests(PARTIAL)
    assert [
        (n.path, n.kind.value, n.prefix, n.suffix, n.span.line, n.span.column)
        for n in req.root.walk()
        if n.kind.value == "unknown"
    ] == [
        ("ModelPackageGroupName", "unknown", "team-", None, 5, 27),
        ("InferenceSpecification.Containers[0].Image", "unknown", None, ".amazonaws.com/img:latest", 6, 54),
        ("InferenceSpecification.Containers[0].ModelDataUrl", "unknown", "s3://my-bucket/", "/input.csv", 3, 7),
        ("SamplePayloadUrl", "unknown", "s3://", ".json", 8, 22),
        ("SourceUri", "unknown", None, "model.tar.gz", 9, 15),
        ("ModelPackageDescription", "unknown", None, "xy", 10, 29),
    ]


def test_a_known_end_is_reported_and_the_unknown_middle_never() -> None:
    assert lint(PARTIAL, "python", dedent=False, select=("MP1", "MP2", "MP6", "MP7")) == [
        ("MP725", "InferenceSpecification.Containers[0].ModelDataUrl", 3, 7),
        ("MP725", "SamplePayloadUrl", 8, 22),
        ("MP223", "SourceUri", 9, 5),
    ]


def test_an_fstring_of_known_names_is_known() -> None:
    (req,) = requests("B = 'b'\nsm.create_model_package(SamplePayloadUrl=f's3://{B}/p/{\"x\"}.tar.gz')\n")
    (node,) = req.select("SamplePayloadUrl")
    assert (node.kind.value, node.value) == ("string", "s3://b/p/x.tar.gz")


def test_ends_that_may_still_be_a_tar_gz_are_not_reported() -> None:
    text = (
        "sm.create_model_package(\n"
        "    SamplePayloadUrl=f'https://{host}/x.csv{query}',\n"
        "    SourceAlgorithmSpecification={'SourceAlgorithms': [\n"
        "        {'AlgorithmName': 'a', 'ModelDataUrl': f's3://b/{k}.tar' + suffix},\n"
        "        {'AlgorithmName': 'a', 'ModelDataUrl': f'{base}input.csv'},\n"
        "        {'AlgorithmName': 'a', 'ModelDataUrl': base + '.gz'},\n"
        "        {'AlgorithmName': 'a', 'ModelDataUrl': f'{base}?v=1/x.csv'},\n"
        "    ]},\n"
        ")\n"
    )
    assert lint(text, "python", dedent=False, select=("MP725",)) == []


def test_a_pipeline_parameter_joined_to_a_string_is_unknown() -> None:
    text = "p = ParameterString(name='P', default_value='s3://b/m')\nsm.create_model_package(SamplePayloadUrl=p + '.csv')\n"
    (req,) = requests(text)
    (node,) = req.select("SamplePayloadUrl")
    assert (node.kind.value, node.prefix, node.suffix) == ("unknown", None, ".csv")


def test_an_image_whose_known_start_names_another_registry() -> None:
    text = (
        "sm.create_model_package(ModelPackageName='m', InferenceSpecification={'Containers': [\n"
        "    {'Image': f'docker.io/acme/{name}:latest'},\n"
        "    {'Image': f'{account}.dkr.ecr.{region}.amazonaws.com/m:latest'},\n"
        "    {'Image': 'public.ecr.aws/' + repo},\n"
        "    {'Image': f'python{version}'},\n"
        "]})\n"
    )
    assert lint(text, "python", dedent=False, select=("MP604",)) == [
        ("MP604", "InferenceSpecification.Containers[0].Image", 2, 15),
        ("MP604", "InferenceSpecification.Containers[2].Image", 4, 15),
    ]


# --- a module's own function that changes a module dict, called before the request ----------------

HELPER_CHANGES = """\
import boto3

sm = boto3.client("sagemaker")
spec = {"ModelPackageGroupName": "churn", "ModelApprovalStatus": "Aproved"}
other = {"ModelPackageGroupName": "churn", "ModelApprovalStatus": "Rejectd"}
cache = {}


def approve():
    spec["ModelApprovalStatus"] = "Approved"


def via():
    approve()


def local_only():
    other = {}
    other["ModelApprovalStatus"] = "Approved"


def again():
    again()
    cache.update(ModelApprovalStatus=status())


local_only()
again()
{call}
sm.create_model_package(**spec)
sm.create_model_package(**other)
"""


def test_a_module_function_called_before_the_request_makes_what_it_changes_unknown() -> None:
    for call in ("approve()", "via()", "result = [approve()]"):
        found = [(f[0], f[2], f[3]) for f in lint(HELPER_CHANGES.replace("{call}", call), "python", dedent=False)]
        # spec's status may be the helper's: not reported; other's is changed only in a local.
        assert [f for f in found if f[0] == "MP104"] == [("MP104", 5, 67)], call


def test_a_module_function_not_called_before_the_request_changes_nothing_there() -> None:
    found = [(f[0], f[2], f[3]) for f in lint(HELPER_CHANGES.replace("{call}", "pass"), "python", dedent=False)]
    assert [f for f in found if f[0] == "MP104"] == [("MP104", 4, 66), ("MP104", 5, 67)]


def test_functions_that_call_each_other_bring_in_each_others_changes_in_any_order() -> None:
    text = (
        "import boto3\n"
        "sm = boto3.client('sagemaker')\n"
        "spec = {'ModelPackageGroupName': 'g'}\n"
        "def first():\n"
        "    second()\n"
        "    spec['ModelApprovalStatus'] = 'Approved'\n"
        "def second():\n"
        "    first()\n"
        "first()\n"
        "spec = {'ModelPackageGroupName': 'g', 'ModelApprovalStatus': 'Aproved'}\n"
        "second()\n"  # reaches first(), which sets the status
        "sm.create_model_package(**spec)\n"
    )
    assert [f for f in lint(text, "python", dedent=False) if f[0] == "MP104"] == []
