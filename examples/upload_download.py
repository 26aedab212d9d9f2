"""Upload with a button, download with another, and keep a list of files.

Upload a text file and download it in capitals; collect several files with "Add files" (drop
more on the list, remove or reorder them) and see them summed up in order.
"""

import tempfile
from pathlib import Path

import blocks as gr


def choosing():
    return "Choosing a file..."


def shout(path):
    source = Path(path)
    result = Path(tempfile.mkdtemp()) / f"{source.stem}_upper{source.suffix}"
    result.write_text(source.read_text(errors="replace").upper())
    button = gr.DownloadButton(f"Download {result.name}", value=str(result), variant="primary")
    return button, f"Uploaded {source.name} ({source.stat().st_size} bytes)."


def count_download(count):
    return count + 1


def add_files(new, current):
    return (current or []) + new


def note_removal(files):
    return f"A file was removed; {len(files or [])} left."


def summarize(files):
    if not files:
        return "No files yet."
    return "\n".join(f"{Path(f).name}: {Path(f).stat().st_size} bytes" for f in files)


with gr.Blocks(title="Upload and download") as demo:
    gr.Markdown("## Shout a text file\nUpload a text file, then download it in capitals.")
    with gr.Row():
        upload = gr.UploadButton("Upload a text file", file_types=[".txt", ".md", ".csv"])
        download = gr.DownloadButton("Download the result")
    status = gr.Markdown("No file yet.")
    downloads = gr.Number(0, label="Downloads", interactive=False)
    upload.click(choosing, None, status)
    upload.upload(shout, upload, [download, status])
    download.click(count_download, downloads, downloads)

    gr.Markdown("## Several files")
    files = gr.Files(label="Your files", allow_reordering=True)
    add = gr.UploadButton("Add files", file_count="multiple", size="sm")
    summary = gr.Textbox(label="Summary", lines=4, interactive=False)
    removal = gr.Markdown()
    add.upload(add_files, [add, files], files)
    files.change(summarize, files, summary)
    files.delete(note_removal, files, removal)

if __name__ == "__main__":
    demo.launch()
