"""Sentiment of a review shown in a Label: the most likely class on top and a confidence bar
for each class. The classifier is a small word list, so the demo needs no model."""

import blocks as gr

WORDS = {
    "positive": {"great", "love", "excellent", "good", "wonderful", "delicious", "friendly"},
    "negative": {"bad", "awful", "terrible", "slow", "cold", "rude", "hate"},
}


def classify(review):
    words = [word.strip(".,!?").lower() for word in review.split()]
    scores = {
        label: 1 + sum(word in vocabulary for word in words) for label, vocabulary in WORDS.items()
    }
    scores["neutral"] = 1.5
    total = sum(scores.values())
    return {label: score / total for label, score in scores.items()}


with gr.Blocks(title="Review sentiment") as demo:
    gr.Markdown("# How does this review feel?")
    review = gr.Textbox(
        label="Review",
        value="The pasta was excellent and the staff were friendly, but the coffee was cold.",
        lines=3,
    )
    classify_button = gr.Button("Classify", variant="primary")
    sentiment = gr.Label(label="Sentiment", num_top_classes=3)
    classify_button.click(classify, review, sentiment)
    review.submit(classify, review, sentiment)

if __name__ == "__main__":
    demo.launch()
