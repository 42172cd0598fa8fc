"""Notifications, taken over from connections with their rows (see connections 0004).

A new database gets the tables from connections' migrations, renamed there; here
the models only change hands. Content types (and so admin permissions) move too.
"""

import django.db.models.deletion
from django.db import migrations, models


MODELS = ["notification", "notificationpreference"]


def content_types_follow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="connections", model__in=MODELS).update(
        app_label="notifications"
    )


def content_types_go_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="notifications", model__in=MODELS).update(
        app_label="connections"
    )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('people', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('connections', '0004_notifications_move_to_their_own_app'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Notification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('intro_received', 'Someone sent you an intro'), ('intro_accepted', 'Someone accepted your intro'), ('relationship_resting', 'A relationship is resting'), ('follow_up', 'A prompt to follow up'), ('volunteer_offered', 'Someone offered to help with your initiative'), ('volunteer_accepted', 'A lead welcomed you onto their initiative'), ('volunteer_declined', 'An offer of yours was not taken up'), ('initiative_done', 'An initiative you worked on is done'), ('observation_received', 'Someone recorded work they saw you do')], max_length=30)),
                        ('text', models.CharField(max_length=300)),
                        ('url', models.CharField(help_text='A path on this site, e.g. /intros/3/.', max_length=300)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('read_at', models.DateTimeField(blank=True, null=True)),
                        ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to='people.member')),
                    ],
                    options={
                        'ordering': ['-created_at', '-id'],
                        'indexes': [models.Index(fields=['recipient', 'read_at'], name='notification_unread_idx')],
                        'constraints': [models.CheckConstraint(condition=models.Q(('url__startswith', '/')), name='a_notification_links_to_this_site')],
                    },
                ),
                migrations.CreateModel(
                    name='NotificationPreference',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('intro_received', 'Someone sent you an intro'), ('intro_accepted', 'Someone accepted your intro'), ('relationship_resting', 'A relationship is resting'), ('follow_up', 'A prompt to follow up'), ('volunteer_offered', 'Someone offered to help with your initiative'), ('volunteer_accepted', 'A lead welcomed you onto their initiative'), ('volunteer_declined', 'An offer of yours was not taken up'), ('initiative_done', 'An initiative you worked on is done'), ('observation_received', 'Someone recorded work they saw you do')], max_length=30)),
                        ('in_app', models.BooleanField(default=True)),
                        ('email', models.BooleanField(default=True)),
                        ('member', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notification_preferences', to='people.member')),
                    ],
                    options={
                        'ordering': ['member', 'kind'],
                        'constraints': [models.UniqueConstraint(fields=('member', 'kind'), name='one_preference_per_kind')],
                    },
                ),
    
            ],
        ),
        migrations.RunPython(content_types_follow, content_types_go_back),
    ]
