"""One browser session's conversation: its turns, the follow-up history, and the chat messages."""
from __future__ import annotations

from dataclasses import dataclass, field

from retrieval.types import Answer
from ui.sources import answer_message, question_message


@dataclass
class Turn:
    question: str  # as the user typed it
    answer: Answer
    history: list[str] = field(default_factory=list)  # earlier questions given to Pipeline.ask
    settings: dict = field(default_factory=dict)  # what produced the answer, for feedback and export


def history_of(turns: list[Turn]) -> list[str]:
    """The user's earlier questions, oldest first, as Pipeline.ask takes them."""
    return [t.question for t in turns if t.question.strip()]


def chat_messages(turns: list[Turn]) -> list[dict]:
    """The Chatbot's messages: a user bubble and an assistant bubble per turn."""
    messages: list[dict] = []
    for t in turns:
        messages.append({"role": "user", "content": question_message(t.question)})
        messages.append({"role": "assistant", "content": answer_message(t.answer)})
    return messages


def turn_at_message(turns: list[Turn], message_index) -> int | None:
    """The turn a clicked chat message belongs to (Gradio gives an int, or [row, column])."""
    if isinstance(message_index, (list, tuple)):
        message_index = message_index[0]
    if not isinstance(message_index, int) or not 0 <= message_index < 2 * len(turns):
        return None
    return message_index // 2
