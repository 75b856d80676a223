"""Kanboard 1.2.53's automatic actions: every action class it registers (in its order,
app/ServiceProvider/ActionProvider.php), its description, the events it is compatible
with and the parameters it requires, and the events an action may listen to
(Core/Event/EventManager). Strings as Kanboard answers them (English)."""
from __future__ import annotations

from dataclasses import dataclass

PREFIX = "\\Kanboard\\Action\\"


@dataclass(frozen=True, slots=True)
class ActionSpec:
    description: str
    events: tuple[str, ...]
    params: tuple[tuple[str, str], ...]  # (name, label) in Kanboard's order


# Kanboard's getAll(): sorted by description.
EVENTS: dict[str, str] = {
    'task.close': 'Closing a task',
    'task.cronjob.daily': 'Daily background job for tasks',
    'task.move.column': 'Move a task to another column',
    'task.move.swimlane': 'Move a task to another swimlane',
    'task.open': 'Reopen a task',
    'subtask.create_update': 'Subtask creation or modification',
    'task.assignee_change': 'Task assignee change',
    'task.create': 'Task creation',
    'task.create_update': 'Task creation or modification',
    'task_internal_link.create_update': 'Task link creation or modification',
    'task.update': 'Task modification',
}

# name (without PREFIX) -> spec, in registration order.
_SPECS: dict[str, ActionSpec] = {
    'CommentCreation': ActionSpec(
        'Create a comment from an external provider',
        (),
        ()),
    'CommentCreationMoveTaskColumn': ActionSpec(
        'Add a comment log when moving the task between columns',
        ('task.move.column',),
        (('column_id', 'Column'),)),
    'TaskAssignCategorySwimlaneChange': ActionSpec(
        'Assign a category when the task is moved to a specific swimlane',
        ('task.create', 'task.move.swimlane'),
        (('swimlane_id', 'Swimlane'), ('category_id', 'Category'))),
    'TaskAssignCategoryColor': ActionSpec(
        'Assign automatically a category based on a color',
        ('task.create_update',),
        (('color_id', 'Color'), ('category_id', 'Category'))),
    'TaskAssignCategoryLabel': ActionSpec(
        'Change the category based on an external label',
        (),
        (('label', 'Label'), ('category_id', 'Category'))),
    'TaskAssignCategoryLink': ActionSpec(
        'Assign automatically a category based on a link',
        ('task_internal_link.create_update',),
        (('category_id', 'Category'), ('link_id', 'Link type'))),
    'TaskAssignColorCategory': ActionSpec(
        'Assign automatically a color based on a category',
        ('task.create_update',),
        (('color_id', 'Color'), ('category_id', 'Category'))),
    'TaskAssignColorColumn': ActionSpec(
        'Assign a color when the task is moved to a specific column',
        ('task.create', 'task.move.column'),
        (('column_id', 'Column'), ('color_id', 'Color'))),
    'TaskAssignColorLink': ActionSpec(
        'Change task color when using a specific task link',
        ('task_internal_link.create_update',),
        (('color_id', 'Color'), ('link_id', 'Link type'))),
    'TaskAssignColorUser': ActionSpec(
        'Assign a color to a specific user',
        ('task.create', 'task.assignee_change'),
        (('color_id', 'Color'), ('user_id', 'Assignee'))),
    'TaskAssignColorPriority': ActionSpec(
        'Assign automatically a color based on a priority',
        ('task.create_update',),
        (('color_id', 'Color'), ('priority', 'Priority'))),
    'TaskAssignCreator': ActionSpec(
        'Assign the task to its creator',
        ('task.move.column',),
        (('column_id', 'Column'),)),
    'TaskAssignCurrentUser': ActionSpec(
        'Assign the task to the person who does the action',
        ('task.create',),
        ()),
    'TaskAssignCurrentUserColumn': ActionSpec(
        'Assign the task to the person who does the action when the column is changed',
        ('task.move.column',),
        (('column_id', 'Column'),)),
    'TaskAssignSpecificUser': ActionSpec(
        'Assign the task to a specific user',
        ('task.create_update', 'task.move.column'),
        (('column_id', 'Column'), ('user_id', 'Assignee'))),
    'TaskAssignUser': ActionSpec(
        'Change the assignee based on an external username',
        (),
        ()),
    'TaskAssignUserSwimlaneChange': ActionSpec(
        'Assign the task to a specific user when the task is moved to a specific swimlane',
        ('task.create', 'task.move.swimlane'),
        (('swimlane_id', 'Swimlane'), ('user_id', 'Assignee'))),
    'TaskClose': ActionSpec(
        'Close a task',
        (),
        ()),
    'TaskCloseColumn': ActionSpec(
        'Close a task in a specific column',
        ('task.move.column',),
        (('column_id', 'Column'),)),
    'TaskCloseNoActivity': ActionSpec(
        'Close a task when there is no activity',
        ('task.cronjob.daily',),
        (('duration', 'Duration in days'),)),
    'TaskCloseNoActivityColumn': ActionSpec(
        'Close a task when there is no activity in a specific column',
        ('task.cronjob.daily',),
        (('duration', 'Duration in days'), ('column_id', 'Column'))),
    'TaskCloseNotMovedColumn': ActionSpec(
        'Close a task in a specific column when not moved during a given period',
        ('task.cronjob.daily',),
        (('duration', 'Duration in days'), ('column_id', 'Column'))),
    'TaskCreation': ActionSpec(
        'Create a task from an external provider',
        (),
        ()),
    'TaskDuplicateAnotherProject': ActionSpec(
        'Duplicate the task to another project',
        ('task.move.column', 'task.close', 'task.create'),
        (('column_id', 'Column'), ('project_id', 'Project'))),
    'TaskEmail': ActionSpec(
        'Send a task by email to someone',
        ('task.move.column', 'task.close', 'task.create'),
        (('column_id', 'Column'), ('user_id', 'User that will receive the email'), ('subject', 'Email subject'))),
    'TaskEmailNoActivity': ActionSpec(
        'Send email when there is no activity on a task',
        ('task.cronjob.daily',),
        (('user_id', 'User that will receive the email'), ('subject', 'Email subject'), ('duration', 'Duration in days'))),
    'TaskMoveAnotherProject': ActionSpec(
        'Move the task to another project',
        ('task.move.column', 'task.close'),
        (('column_id', 'Column'), ('project_id', 'Project'))),
    'TaskMoveColumnAssigned': ActionSpec(
        'Move the task to another column when assigned to a user',
        ('task.assignee_change', 'task.update'),
        (('src_column_id', 'Source column'), ('dest_column_id', 'Destination column'))),
    'TaskMoveSwimlaneAssigned': ActionSpec(
        'Move the task to another swimlane when assigned to a user',
        ('task.create_update', 'task.assignee_change', 'task.update'),
        (('user_id', 'Assignee'), ('dest_swimlane_id', 'Destination swimlane'))),
    'TaskMoveColumnCategoryChange': ActionSpec(
        'Move the task to another column when the category is changed',
        ('task.update', 'task.create', 'task.create_update'),
        (('dest_column_id', 'Destination column'), ('category_id', 'Category'))),
    'TaskMoveColumnClosed': ActionSpec(
        'Move the task to another column when closed',
        ('task.close',),
        (('dest_column_id', 'Destination column'),)),
    'TaskMoveColumnNotMovedPeriod': ActionSpec(
        'Move the task to another column when not moved during a given period',
        ('task.cronjob.daily',),
        (('duration', 'Duration in days'), ('src_column_id', 'Source column'), ('dest_column_id', 'Destination column'))),
    'TaskMoveColumnOnDueDate': ActionSpec(
        'Move the task to another column when the due date is less than a certain number of days',
        ('task.cronjob.daily',),
        (('duration', 'Duration in days'), ('src_column_id', 'Source column'), ('dest_column_id', 'Destination column'))),
    'TaskMoveColumnUnAssigned': ActionSpec(
        'Move the task to another column when assignee is cleared',
        ('task.assignee_change', 'task.update'),
        (('src_column_id', 'Source column'), ('dest_column_id', 'Destination column'))),
    'TaskMoveSwimlaneCategoryChange': ActionSpec(
        'Move the task to another swimlane when the category is changed',
        ('task.update',),
        (('dest_swimlane_id', 'Destination swimlane'), ('category_id', 'Category'))),
    'TaskOpen': ActionSpec(
        'Open a task',
        (),
        ()),
    'TaskUpdateStartDate': ActionSpec(
        'Automatically update the start date',
        ('task.move.column',),
        (('column_id', 'Column'),)),
    'TaskUpdateStartDateOnMoveColumn': ActionSpec(
        'Automatically update the start date when the task is moved away from a specific column',
        ('task.move.column',),
        (('column_id', 'Column'),)),
    'TaskAssignDueDateOnCreation': ActionSpec(
        'Automatically set the due date on task creation',
        ('task.create',),
        (('duration', 'Duration in days'),)),
    'TaskAssignColorSwimlane': ActionSpec(
        'Assign a color when the task is moved to a specific swimlane',
        ('task.create', 'task.move.swimlane'),
        (('swimlane_id', 'Swimlane'), ('color_id', 'Color'))),
    'TaskAssignPrioritySwimlane': ActionSpec(
        'Assign a priority when the task is moved to a specific swimlane',
        ('task.create', 'task.move.swimlane'),
        (('swimlane_id', 'Swimlane'), ('priority', 'Priority'))),
    'TaskAssignColorOnDueDate': ActionSpec(
        'Assign automatically a color when due date is expired',
        ('task.cronjob.daily',),
        (('color_id', 'Color'),)),
    'SubtaskTimerMoveTaskColumn': ActionSpec(
        'Add a subtask and activate the timer when moving a task to another column',
        ('task.move.column',),
        (('column_id', 'Column'), ('subtask', 'Subtask Title'))),
    'StopSubtaskTimerMoveTaskColumn': ActionSpec(
        'Stop the timer of all subtasks when moving a task to another column',
        ('task.move.column',),
        (('column_id', 'Column'),)),
    'TaskMoveColumnOnStartDate': ActionSpec(
        'Move the task to another column once a predefined start date is reached',
        ('task.cronjob.daily',),
        (('src_column_id', 'Source column'), ('dest_column_id', 'Destination column'))),
    'TaskAssignColorOnStartDate': ActionSpec(
        'Assign automatically a color when preset start date is reached',
        ('task.cronjob.daily',),
        (('color_id', 'Color'),)),
    'TaskAssignDueDateOnMoveColumn': ActionSpec(
        'Automatically set the due date when the task is moved away from a specific column',
        ('task.move.column',),
        (('duration', 'Duration in days'), ('column_id', 'Column'))),
    'TaskAssignToUserOnCreationInColumn': ActionSpec(
        'Assign the task to its creator for specific columns if no assignee is set manually',
        ('task.create',),
        (('column_id', 'Column'),)),
    'TaskAssignCurrentUserColumnIfNoUserAlreadySet': ActionSpec(
        'Assign a task to the logged user on column change to specified column if no user is assigned',
        ('task.move.column',),
        (('column_id', 'Column'),)),
}
ACTIONS: dict[str, ActionSpec] = {PREFIX + name: spec for name, spec in _SPECS.items()}
# getAvailableActions: those with events, sorted by description (PHP asort).
AVAILABLE: tuple[str, ...] = (
    PREFIX + 'CommentCreationMoveTaskColumn',
    PREFIX + 'SubtaskTimerMoveTaskColumn',
    PREFIX + 'TaskAssignCategorySwimlaneChange',
    PREFIX + 'TaskAssignColorUser',
    PREFIX + 'TaskAssignColorColumn',
    PREFIX + 'TaskAssignColorSwimlane',
    PREFIX + 'TaskAssignPrioritySwimlane',
    PREFIX + 'TaskAssignCurrentUserColumnIfNoUserAlreadySet',
    PREFIX + 'TaskAssignCategoryColor',
    PREFIX + 'TaskAssignCategoryLink',
    PREFIX + 'TaskAssignColorCategory',
    PREFIX + 'TaskAssignColorPriority',
    PREFIX + 'TaskAssignColorOnDueDate',
    PREFIX + 'TaskAssignColorOnStartDate',
    PREFIX + 'TaskAssignSpecificUser',
    PREFIX + 'TaskAssignUserSwimlaneChange',
    PREFIX + 'TaskAssignCreator',
    PREFIX + 'TaskAssignToUserOnCreationInColumn',
    PREFIX + 'TaskAssignCurrentUser',
    PREFIX + 'TaskAssignCurrentUserColumn',
    PREFIX + 'TaskAssignDueDateOnCreation',
    PREFIX + 'TaskAssignDueDateOnMoveColumn',
    PREFIX + 'TaskUpdateStartDate',
    PREFIX + 'TaskUpdateStartDateOnMoveColumn',
    PREFIX + 'TaskAssignColorLink',
    PREFIX + 'TaskCloseColumn',
    PREFIX + 'TaskCloseNotMovedColumn',
    PREFIX + 'TaskCloseNoActivity',
    PREFIX + 'TaskCloseNoActivityColumn',
    PREFIX + 'TaskDuplicateAnotherProject',
    PREFIX + 'TaskMoveColumnOnStartDate',
    PREFIX + 'TaskMoveColumnAssigned',
    PREFIX + 'TaskMoveColumnUnAssigned',
    PREFIX + 'TaskMoveColumnClosed',
    PREFIX + 'TaskMoveColumnNotMovedPeriod',
    PREFIX + 'TaskMoveColumnCategoryChange',
    PREFIX + 'TaskMoveColumnOnDueDate',
    PREFIX + 'TaskMoveAnotherProject',
    PREFIX + 'TaskMoveSwimlaneAssigned',
    PREFIX + 'TaskMoveSwimlaneCategoryChange',
    PREFIX + 'TaskEmail',
    PREFIX + 'TaskEmailNoActivity',
    PREFIX + 'StopSubtaskTimerMoveTaskColumn',
)
