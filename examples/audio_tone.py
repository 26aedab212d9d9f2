"""Generate a tone, or stream a melody note by note.

``generate_tone`` returns ``(sample_rate, samples)`` (int16), as in the reference's demo. The
melody is a generator: each note it yields is a chunk that the streaming output plays right
after the one before.
"""

import numpy as np

import blocks as gr

NOTES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]
RATE = 48000


def frequency(note, octave):
    semitones_from_a4 = 12 * (octave - 4) + (note - 9)
    return 440 * 2 ** (semitones_from_a4 / 12)


def tone(hz, seconds, volume=0.5):
    t = np.arange(int(seconds * RATE)) / RATE
    fade = np.minimum(1, np.minimum(t, seconds - t) * 200)  # no clicks at the ends
    return volume * np.sin(2 * np.pi * hz * t) * fade


def generate_tone(note, octave, duration):
    samples = (20000 * tone(frequency(note, octave), float(duration), 1)).astype(np.int16)
    return RATE, samples


def melody(note_length):
    for name, octave in [("C", 4), ("E", 4), ("G", 4), ("C", 5)]:
        yield RATE, tone(frequency(NOTES.index(name), octave), note_length)


with gr.Blocks(title="Tones") as demo:
    gr.Markdown("# Tones")
    with gr.Row():
        note = gr.Dropdown(NOTES, value="A", type="index", label="Note")
        octave = gr.Slider(4, 6, value=4, step=1, label="Octave")
        duration = gr.Number(value=1, minimum=0.1, maximum=10, label="Duration in seconds")
    played = gr.Audio(label="Tone", autoplay=True)
    gr.Button("Play tone", variant="primary").click(generate_tone, [note, octave, duration], played)
    note_length = gr.Slider(0.1, 1, value=0.3, step=0.1, label="Note length in seconds")
    streamed = gr.Audio(label="Melody", streaming=True, autoplay=True)
    gr.Button("Stream a melody").click(melody, note_length, streamed)

if __name__ == "__main__":
    demo.launch()
