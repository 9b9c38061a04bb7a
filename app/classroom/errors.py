"""What can go wrong in a class, each with the code the API sends (app/api/errors.py gives each its HTTP status)."""


class ClassroomError(Exception):
    """A refused classroom request: `code` is the error code clients read, `message` the sentence people read."""

    code = "classroom_error"

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message, self.field = message, field


class ClassNotFound(ClassroomError):
    code = "class_not_found"

    def __init__(self, code: str) -> None:
        super().__init__(f"No live class with the code '{code}': check the code, or the class has ended or expired.",
                         "code")


class NotTheTeacher(ClassroomError):
    code = "not_the_teacher"

    def __init__(self) -> None:
        super().__init__("Only the teacher of this class may do this: send the teacher token returned when the "
                         "class was created (Authorization: Bearer <token>, or ?token=).", "token")


class NotAStudent(ClassroomError):
    code = "not_a_student"

    def __init__(self, teacher_allowed: bool = False) -> None:
        who = "a student or the teacher" if teacher_allowed else "a student"
        super().__init__(f"This needs the token of {who} of this class (Authorization: Bearer <token>, or ?token=); "
                         "join the class first.", "token")


class TooManyClasses(ClassroomError):
    code = "too_many_classes"

    def __init__(self, most: int) -> None:
        super().__init__(f"This server runs at most {most} live classes at once (BACKPROP_MAX_CLASSES); end one, "
                         "or wait for an idle one to expire.")


class TooManyAttempts(ClassroomError):
    code = "too_many_attempts"

    def __init__(self, most: int, retry_after: int) -> None:
        super().__init__(f"Too many joins with a wrong code from this address (more than {most} a minute); "
                         f"try again in {retry_after} s.", "code")
        self.retry_after = retry_after


class ClassFull(ClassroomError):
    code = "class_full"

    def __init__(self, most: int) -> None:
        super().__init__(f"This class is full: at most {most} students (BACKPROP_MAX_CLASS_STUDENTS).")


class QuestionClosed(ClassroomError):
    code = "question_closed"

    def __init__(self, message: str = "This question is closed: its answer has been revealed, or the teacher has "
                 "asked another question since.") -> None:
        super().__init__(message, "question_id")


class NoQuestion(ClassroomError):
    code = "no_question"

    def __init__(self) -> None:
        super().__init__("The class has no question to reveal: ask one first.")


class InvalidAnswer(ClassroomError):
    code = "invalid_answer"

    def __init__(self, message: str) -> None:
        super().__init__(message, "value")

