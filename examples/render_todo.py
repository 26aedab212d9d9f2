"""Dynamic layout: a to-do list whose rows are built by `@gr.render` from a gr.State.

Add tasks, tick them off or delete them: each change of the list renders its rows again.
Each row's text box has a `key`, so what is typed into it is kept across re-renders.
"""

import blocks as gr

with gr.Blocks() as demo:
    tasks = gr.State([])
    new_task = gr.Textbox(label="New task", placeholder="What needs doing? (Enter adds it)")

    def add_task(task_list, name):
        if not name.strip():
            return task_list, ""
        return [*task_list, {"name": name.strip(), "complete": False}], ""

    new_task.submit(add_task, [tasks, new_task], [tasks, new_task])

    @gr.render(inputs=tasks)
    def render_todos(task_list):
        incomplete = [task for task in task_list if not task["complete"]]
        complete = [task for task in task_list if task["complete"]]
        gr.Markdown(f"### To do ({len(incomplete)})")
        for task in incomplete:
            with gr.Row():
                gr.Textbox(
                    label=f"Notes for {task['name']}",
                    key=f"notes-{task['name']}",
                    scale=3,
                )
                done = gr.Button(f"Done: {task['name']}", scale=1)
                delete = gr.Button(f"Delete: {task['name']}", variant="stop", scale=1)

                def mark_done(task=task):
                    task["complete"] = True
                    return task_list

                def remove(task=task):
                    task_list.remove(task)
                    return task_list

                done.click(mark_done, None, tasks)
                delete.click(remove, None, tasks)
        gr.Markdown(f"### Done ({len(complete)})")
        for task in complete:
            gr.Markdown(f"~~{task['name']}~~")


if __name__ == "__main__":
    demo.launch()
