"""The Gradio page: chat with evidence, disagreement cards, a timeline and a documents tab.

Every handler here calls the library's public API (:class:`assistant.Assistant`) and the
presentation functions of this package; library errors become messages on the page.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import gradio as gr

from assistant import Assistant, CorroborateError
from assistant.assistant import MAX_QUESTION_CHARS
from assistant.web import documents as docs
from assistant.web.chart import timeline_figure, timeline_list
from assistant.web.escape import markdown_text
from assistant.web.evidence import evidence_html
from assistant.web.session import WebChat
from index.loading import FORMATS

INTRO = ("Every answer is built from sentences of the documents, and every `[n]` opens the "
         "sentence it cites. Where sources disagree, each side is shown with its own sources.")


class Page:
    """The handlers of one app: they share the assistant and the upload folder, nothing else
    (each browser session keeps its own :class:`WebChat` in a ``gr.State``)."""

    def __init__(self, assistant: Assistant, uploads: Path) -> None:
        self.assistant = assistant
        self.uploads = uploads

    def ask(self, question: str, chat: WebChat | None):
        chat = chat or WebChat(self.assistant)
        view = chat.ask(question)
        return (list(view.messages), "", view.evidence, view.disagreements,
                *self.figure(view.events), view.answer, chat)

    def ask_stream(self, question: str, chat: WebChat | None):
        """:meth:`ask` for a language-model answer: the conversation grows sentence by verified
        sentence; evidence, cards and data follow once the answer is finished."""
        chat = chat or WebChat(self.assistant)
        for view in chat.stream(question):
            yield (list(view.messages), "", view.evidence, view.disagreements,
                   *self.figure(view.events), view.answer, chat)

    def new_chat(self, chat: WebChat | None):
        chat = chat or WebChat(self.assistant)
        view = chat.reset()
        return list(view.messages), "", view.evidence, "", *self.figure(()), None, chat

    def figure(self, marked: Sequence[str] = ()):
        """The timeline plot and its text list, with ``marked`` events drawn apart."""
        entries, shown = self.assistant.timeline(), self.assistant.shown_paths()
        return timeline_figure(entries, marked, shown), timeline_list(entries, marked, shown)

    def listing(self):
        records = self.assistant.documents()
        return (docs.table_rows(records), gr.update(choices=docs.choices(records), value=None),
                *self.figure())

    def ingest(self, files: list[str] | None, progress=gr.Progress()):
        if not files:
            return ("Choose one or more files first.", *self.listing())
        names, twice = self._copy_in(files)

        def tick(done: int, total: int, path: str) -> None:
            progress((done, total), desc=f"ingesting {names.get(path, Path(path).name)}")
        try:
            report = self.assistant.ingest(list(names), progress=tick)
            # as `corroborate ingest` does: the next question, and the next process, need not
            # build the corpus and the instances
            self.assistant.prepare()
        except CorroborateError as exc:
            return (f"Nothing was added: {docs.markdown_text(str(exc))}", *self.listing())
        return (docs.report_markdown(report, names, twice), *self.listing())

    def remove(self, doc_id: str | None):
        if not doc_id:
            return ("Pick a document to remove.", *self.listing())
        try:
            record = self.assistant.forget(doc_id)
        except CorroborateError as exc:
            return (f"Not removed: {exc}", *self.listing())
        return (f"Removed {docs.markdown_text(record.title or record.shown_path)}.",
                *self.listing())

    def _copy_in(self, files: list[str]) -> tuple[dict[str, str], list[str]]:
        """Copy uploads into the upload folder under their own names (a file uploaded again
        later under the same name replaces its earlier version). Returns stored path →
        uploaded name, and the names given twice in this one upload (only the first is kept)."""
        self.uploads.mkdir(parents=True, exist_ok=True)
        names: dict[str, str] = {}
        twice = []
        for upload in files:
            name = Path(upload).name
            target = self.uploads / name
            if str(target) in names:
                twice.append(name)
                continue
            shutil.copyfile(upload, target)
            names[str(target)] = name
        return names, twice


def build(assistant: Assistant, *, uploads: Path, examples: Sequence[str] = ()) -> gr.Blocks:
    """The app's Blocks, not yet launched (see :func:`assistant.web.serve`)."""
    page = Page(assistant, uploads)
    with gr.Blocks(title="Corroborate") as demo:
        chat = gr.State(None)
        gr.Markdown(f"## Corroborate\n{INTRO}")
        if assistant.llm is not None:
            _model_settings(assistant.llm.name)
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                chat_parts = _chat_tab(examples)
            with gr.Tab("Timeline", id="timeline"):
                plot = gr.Plot(label="Events the documents describe", elem_id="cb-timeline")
                events = gr.HTML("", elem_id="cb-timeline-list", js_on_load=None)
            with gr.Tab("Documents", id="documents"):
                doc_parts = _documents_tab()
        timeline = [plot, events]
        _wire_chat(page, chat, chat_parts, timeline)
        _wire_documents(page, doc_parts, timeline)
        demo.load(page.listing, None, [doc_parts["table"], doc_parts["pick"], *timeline],
                  api_name=False)
    return demo


def _chat_tab(examples: Sequence[str]) -> dict:
    with gr.Row():
        with gr.Column(scale=3):
            chatbot = gr.Chatbot(label="Conversation", elem_id="cb-chat", height=440,
                                 latex_delimiters=[], feedback_options=None, buttons=["copy"])
            with gr.Row():
                question = gr.Textbox(show_label=False, scale=5, elem_id="cb-question",
                                      placeholder="Ask about the documents…", lines=1,
                                      max_length=MAX_QUESTION_CHARS, autofocus=True)
                ask = gr.Button("Ask", variant="primary", scale=1, elem_id="cb-ask")
                new = gr.Button("New chat", scale=1, elem_id="cb-new")
            cards = gr.HTML("", elem_id="cb-disagreements", js_on_load=None)
            if examples:
                gr.Examples([[q] for q in examples], inputs=question, label="Try")
        with gr.Column(scale=2):
            gr.Markdown("#### Evidence")
            evidence = gr.HTML(evidence_html([], lambda _: None), elem_id="cb-evidence",
                               js_on_load=None)
    with gr.Accordion("Answer as data (JSON)", open=False):
        answer = gr.JSON(label="answer", elem_id="cb-answer")
    return {"chatbot": chatbot, "question": question, "ask": ask, "new": new,
            "evidence": evidence, "cards": cards, "answer": answer}


def _wire_chat(page: Page, chat: gr.State, parts: dict, timeline: list) -> None:
    outputs = [parts["chatbot"], parts["question"], parts["evidence"], parts["cards"],
               *timeline, parts["answer"], chat]
    inputs = [parts["question"], chat]
    # Questions share one queue, separate from uploads, so an ingest never blocks the chat.
    # Four at a time: answering is mostly Python (one core at a time), but a request also
    # waits on I/O and the model; benchmarks/load.py shows no errors or mixed-up sessions.
    queue = {"concurrency_id": "chat", "concurrency_limit": 4}
    ask = page.ask if page.assistant.llm is None else page.ask_stream
    parts["ask"].click(ask, inputs, outputs, api_name="ask", **queue)
    parts["question"].submit(ask, inputs, outputs, api_name=False, **queue)
    parts["new"].click(page.new_chat, [chat], outputs, api_name="new_chat", **queue)


def _model_settings(name: str) -> None:
    """Which language model writes the answers, and what that means for what is shown."""
    with gr.Accordion("Settings: language model", open=False, elem_id="cb-llm"):
        gr.Markdown(
            f"Answers are written by **{markdown_text(name)}**. Each of its sentences is shown "
            "only once it is checked against the sentences it cites (every number, date, name "
            "and negation must be in them); a sentence that fails is left out and listed under "
            "*trace* in *Answer as data*. If the model is down, slow or says nothing usable, "
            "the answer is the one built from the sources without it, with a note. "
            "Choose the model when starting the app: `--llm`, `--llm-url`, `--llm-model`, "
            "`--llm-timeout` (or `CORROBORATE_LLM*`).")


def _documents_tab() -> dict:
    gr.Markdown("Add reports as " + ", ".join(sorted(FORMATS)) + " files. A file uploaded "
                "again under the same name replaces its earlier version.")
    files = gr.File(label="Files to add", file_count="multiple", type="filepath",
                    file_types=sorted(FORMATS), elem_id="cb-upload")
    add = gr.Button("Add to the collection", variant="primary", elem_id="cb-add")
    status = gr.Markdown(elem_id="cb-doc-status")
    table = gr.Dataframe(headers=docs.HEADERS, interactive=False, wrap=True,
                         column_widths=docs.WIDTHS, elem_id="cb-documents", label="Documents")
    with gr.Row():
        pick = gr.Dropdown(label="Document to remove", choices=[], scale=4, elem_id="cb-pick")
        remove = gr.Button("Remove", variant="stop", scale=1, elem_id="cb-remove")
    return {"files": files, "add": add, "status": status, "table": table, "pick": pick,
            "remove": remove}


def _wire_documents(page: Page, parts: dict, timeline: list) -> None:
    listing = [parts["table"], parts["pick"], *timeline]
    queue = {"concurrency_id": "documents", "concurrency_limit": 1}
    parts["add"].click(page.ingest, [parts["files"]], [parts["status"], *listing],
                       api_name="ingest", **queue)
    parts["remove"].click(page.remove, [parts["pick"]], [parts["status"], *listing],
                          api_name="remove", **queue)
