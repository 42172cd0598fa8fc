"""Notifications move to their own app (`trellis.notifications`), rows and all.

The tables are renamed here while the models are still connections'; the
notifications app's first migration then takes them over without touching the
database.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("connections", "0003_intro_initiative_alter_notification_kind_and_more"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RenameIndex(
                    model_name="notification",
                    new_name="notification_unread_idx",
                    old_name="connections_recipie_5ed3b9_idx",
                ),
                migrations.AlterModelTable(name="notification", table="notifications_notification"),
                migrations.AlterModelTable(
                    name="notificationpreference", table="notifications_notificationpreference"
                ),
            ],
            state_operations=[
                migrations.DeleteModel(name="NotificationPreference"),
                migrations.DeleteModel(name="Notification"),
            ],
        ),
    ]
